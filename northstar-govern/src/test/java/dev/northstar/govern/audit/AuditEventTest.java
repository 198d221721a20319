package dev.northstar.govern.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How reads and failures become audit events, and what the hash covers. */
class AuditEventTest {
    @Test
    void aReadNamesTheTablesOfTheResultAndFingerprintsTheQuery() {
        QueryResult result = new QueryResult(List.of(new QueryResult.Column("n", "BIGINT")),
                List.of(List.of(1L), List.of(2L)), false, 1, 1,
                Map.of("retail.orders", 11L, "retail.customers__at_22", 22L), 3);

        AuditEvent event = AuditEvent.read("ada", "api", Optional.of("reporting"),
                "SELECT * FROM retail.orders WHERE email = 'ada@example.com'", result);

        assertThat(event.action()).isEqualTo(AuditEvent.DATA_READ);
        assertThat(event.resources()).containsExactlyInAnyOrder("retail.orders", "retail.customers");
        assertThat(event.rowCount()).contains(2L);
        assertThat(event.purpose()).contains("reporting");
        assertThat(event.details()).containsEntry("channel", "api").containsEntry("sql_length", "59")
                .containsKey("sql_sha256");
        assertThat(event.details().values()).noneMatch(value -> value.contains("ada@example.com"));
    }

    @Test
    void aForbiddenReadIsADenialAndOtherFailuresAreFailedReads() {
        AuditEvent denied = AuditEvent.failedRead("bob", "api", Optional.empty(), "SELECT salary FROM hr.pay",
                List.of("hr.pay.salary"), new NorthstarException(ErrorCode.FORBIDDEN,
                        "Principal 'bob' may not read column hr.pay.salary"));
        AuditEvent failed = AuditEvent.failedRead("bob", "cli", Optional.empty(), "SELEC 1", List.of(),
                new NorthstarException(ErrorCode.INVALID_SQL, "syntax error at or near \"SELEC\""));

        assertThat(denied.action()).isEqualTo(AuditEvent.DATA_DENIED);
        assertThat(denied.decision()).isEqualTo(AuditEvent.Decision.DENIED);
        assertThat(denied.resources()).containsExactly("hr.pay.salary");
        assertThat(denied.details()).containsEntry("error_code", "FORBIDDEN")
                .containsEntry("error", "Principal 'bob' may not read column hr.pay.salary");
        assertThat(failed.action()).isEqualTo(AuditEvent.DATA_READ);
        assertThat(failed.decision()).isEqualTo(AuditEvent.Decision.FAILED);
        assertThat(failed.details()).containsEntry("error_code", "INVALID_SQL");
    }

    @Test
    void aFailureKeepsNeitherTheEchoedQueryNorItsLiterals() {
        AuditEvent failed = AuditEvent.failedRead("bob", "api", Optional.empty(), "...", List.of(),
                new NorthstarException(ErrorCode.INVALID_SQL, "Query failed: Conversion Error: Could not convert"
                        + " string 'ada@example.com' to INT32\n\nLINE 1: SELECT * FROM t"
                        + " WHERE id = 'ada@example.com'"));

        assertThat(failed.details()).containsEntry("error",
                "Query failed: Conversion Error: Could not convert string '…' to INT32");
    }

    @Test
    void theHashCoversEveryFieldAndThePreviousHash() {
        Instant time = Instant.parse("2026-11-20T08:00:00Z");
        AuditEvent event = new AuditEvent("ada", "data.read", List.of("retail.orders"), Optional.empty(),
                AuditEvent.Decision.ALLOWED, Optional.of(3L), Map.of("channel", "api"));
        String hash = AuditLog.hash(1, time, event, AuditLog.GENESIS);

        assertThat(AuditLog.hash(1, time, event, AuditLog.GENESIS)).isEqualTo(hash);
        assertThat(List.of(
                AuditLog.hash(2, time, event, AuditLog.GENESIS),
                AuditLog.hash(1, time.plusMillis(1), event, AuditLog.GENESIS),
                AuditLog.hash(1, time, event, "1".repeat(64)),
                AuditLog.hash(1, time, new AuditEvent("bob", "data.read", List.of("retail.orders"), Optional.empty(),
                        AuditEvent.Decision.ALLOWED, Optional.of(3L), Map.of("channel", "api")), AuditLog.GENESIS),
                AuditLog.hash(1, time, new AuditEvent("ada", "data.read", List.of("retail.orders"),
                        Optional.of("x"), AuditEvent.Decision.ALLOWED, Optional.of(3L), Map.of("channel", "api")),
                        AuditLog.GENESIS),
                AuditLog.hash(1, time, new AuditEvent("ada", "data.read", List.of("retail.orders"), Optional.empty(),
                        AuditEvent.Decision.ALLOWED, Optional.of(4L), Map.of("channel", "api")), AuditLog.GENESIS),
                AuditLog.hash(1, time, new AuditEvent("ada", "data.read", List.of("retail.orders"), Optional.empty(),
                        AuditEvent.Decision.ALLOWED, Optional.of(3L), Map.of("channel", "cli")), AuditLog.GENESIS)))
                .doesNotContain(hash)
                .doesNotHaveDuplicates();
    }
}
