package dev.northstar.lake;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs each task on the thread that submits it; never shuts down (it holds no thread). */
final class CallerThreadExecutor extends AbstractExecutorService {
    static final CallerThreadExecutor INSTANCE = new CallerThreadExecutor();

    private CallerThreadExecutor() {}

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
        // Nothing to stop.
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
