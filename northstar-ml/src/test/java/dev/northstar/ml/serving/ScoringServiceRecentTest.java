package dev.northstar.ml.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ring of recent answers behind the console's live decisions: newest first, bounded, refusals not kept. */
class ScoringServiceRecentTest {
    @TempDir
    Path home;

    @Test
    void keepsTheLatestAnswersNewestFirstAndBounded() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            ScoringServiceTest.createLoans(lake, 1_000);
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            ScoringServiceTest.champion(registry, ScoringServiceTest.register(lake, registry, 5));
            try (ScoringService service = new ScoringService(lake, registry, Optional.empty(),
                    ScoringSettings.defaults())) {
                assertThat(service.recent(10)).isEmpty();
                for (int i = 0; i < ScoringService.RECENT + 40; i++) {
                    service.score("loan-risk", new ScoreRequest(Optional.of("r" + i), Map.of("loan_id", i),
                            Map.of("income", 0.5, "debt_ratio", i % 10 / 10.0)));
                }
                assertThatThrownBy(() -> service.score("loan-risk", new ScoreRequest(Optional.of("bad"), Map.of(),
                        Map.of("incme", 1)))).isInstanceOf(NorthstarException.class);

                List<ScoringService.Recent> three = service.recent(3);
                assertThat(three).extracting(recent -> recent.score().requestId())
                        .containsExactly("r" + (ScoringService.RECENT + 39), "r" + (ScoringService.RECENT + 38),
                                "r" + (ScoringService.RECENT + 37));
                assertThat(three.get(0).request().entities()).containsEntry("loan_id", ScoringService.RECENT + 39);
                assertThat(three.get(0).score().reasons()).hasSize(3);
                assertThat(service.recent(10_000)).hasSize(ScoringService.RECENT)
                        .extracting(recent -> recent.score().requestId()).doesNotContain("r39", "bad")
                        .contains("r40");
                assertThat(service.recent(0)).isEmpty();
            }
        }
    }
}
