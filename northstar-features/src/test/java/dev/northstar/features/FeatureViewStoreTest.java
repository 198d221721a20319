package dev.northstar.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature views stored in the metadata database: versions, no-op re-applies, all problems before anything stored. */
class FeatureViewStoreTest {
    private static final String VELOCITY = """
            kind: FeatureView
            name: card_velocity
            entities: [card_id]
            timestamp: event_time
            source: {table: banking.card_transactions, stream: card-transactions}
            ttl: 7d
            features:
              - {name: txn_count_1h, aggregation: count, window: 1h}
            """;

    @TempDir
    Path directory;

    @Test
    void appliesVersionsAndRefusesBrokenFilesWhole() throws Exception {
        try (JdbcMetadataStore metadata = JdbcMetadataStore.open(LakeConfig.embedded(directory.resolve("home")))) {
            FeatureViewStore store = new FeatureViewStore(metadata.database());
            Path folder = Files.createDirectories(directory.resolve("views"));
            Files.writeString(folder.resolve("velocity.yaml"), VELOCITY);

            assertThat(store.apply(folder, "ana")).containsExactly(new FeatureViewStore.Applied("card_velocity", 1,
                    true));
            assertThat(store.apply(folder, "ana")).containsExactly(new FeatureViewStore.Applied("card_velocity", 1,
                    false));
            Files.writeString(folder.resolve("velocity.yaml"), VELOCITY.replace("window: 1h", "window: 2h"));
            assertThat(store.apply(folder, "bob")).containsExactly(new FeatureViewStore.Applied("card_velocity", 2,
                    true));
            FeatureViewStore.StoredView stored = store.get("card_velocity");
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.appliedBy()).isEqualTo("bob");
            assertThat(stored.view().features().get(0).window()).contains(java.time.Duration.ofHours(2));

            Files.writeString(folder.resolve("broken.yaml"), VELOCITY.replace("name: card_velocity", "name: other")
                    .replace("aggregation: count", "aggregation: median"));
            assertThatThrownBy(() -> store.apply(folder, "bob")).isInstanceOfSatisfying(FeatureViewException.class,
                    e -> assertThat(e.problems()).isNotEmpty().allSatisfy(problem ->
                            assertThat(problem.source()).endsWith("broken.yaml")));
            assertThat(store.list()).extracting(view -> view.view().name()).containsExactly("card_velocity");
            assertThatThrownBy(() -> store.get("nope")).hasFieldOrPropertyWithValue("code",
                    ErrorCode.RESOURCE_NOT_FOUND).hasMessageContaining("No feature view nope");
        }
    }
}
