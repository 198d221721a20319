package dev.northstar.quality;

import dev.northstar.lake.Lakehouse;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A real lakehouse behind a proxy that records the SQL of every {@link Lakehouse#query} call, to show how many scans
 * the checks cost. A JDK proxy rather than a hand-written delegate, so methods added to the interface later pass
 * through without touching this class.
 */
final class CountingLakehouse implements InvocationHandler {
    private final Lakehouse delegate;
    private final List<String> queries = new ArrayList<>();

    private CountingLakehouse(Lakehouse delegate) {
        this.delegate = delegate;
    }

    /** The counting lakehouse and the counter. */
    record Counted(Lakehouse lake, CountingLakehouse counter) {}

    static Counted wrap(Lakehouse delegate) {
        CountingLakehouse counter = new CountingLakehouse(delegate);
        Lakehouse proxy = (Lakehouse) Proxy.newProxyInstance(Lakehouse.class.getClassLoader(),
                new Class<?>[] {Lakehouse.class}, counter);
        return new Counted(proxy, counter);
    }

    synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("query")) {
            synchronized (this) {
                queries.add((String) args[0]);
            }
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
