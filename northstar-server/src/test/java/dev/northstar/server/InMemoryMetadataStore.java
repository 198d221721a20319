package dev.northstar.server;

import dev.northstar.spi.store.MetadataStore;
import dev.northstar.spi.store.RunRecord;
import dev.northstar.spi.store.RunStore;
import dev.northstar.spi.store.TokenStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MetadataStore} in memory; {@link #failing()} makes every call fail, for readiness tests. */
final class InMemoryMetadataStore implements MetadataStore {
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();
    private volatile boolean failing;

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public RunStore runs() {
        return new RunStore() {
            @Override
            public void save(RunRecord run) {
                runs.put(run.id(), run);
            }

            @Override
            public Optional<RunRecord> find(String id) {
                return Optional.ofNullable(runs.get(id));
            }

            @Override
            public List<RunRecord> forTarget(String target, int limit) {
                return runs.values().stream().filter(run -> run.target().equals(target))
                        .sorted(Comparator.comparing(RunRecord::startedAt).reversed()).limit(limit).toList();
            }

            @Override
            public Optional<RunRecord> findSucceeded(String kind, String target, String sourceFingerprint) {
                return runs.values().stream()
                        .filter(run -> run.kind().equals(kind) && run.target().equals(target)
                                && run.status().equals("SUCCEEDED")
                                && run.sourceFingerprint().equals(Optional.of(sourceFingerprint)))
                        .max(Comparator.comparing(RunRecord::startedAt));
            }
        };
    }

    /** From now on, {@link #schemaVersion()} fails as an unreachable database would. */
    InMemoryMetadataStore failing() {
        failing = true;
        return this;
    }

    @Override
    public String schemaVersion() {
        if (failing) {
            throw new IllegalStateException("database is unreachable");
        }
        return "1";
    }

    @Override
    public void close() {}
}
