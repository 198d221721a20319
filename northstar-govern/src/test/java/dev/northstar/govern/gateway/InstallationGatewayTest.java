package dev.northstar.govern.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.audit.AuditEntry;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditQuery;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.govern.privacy.MaskKey;
import dev.northstar.govern.privacy.MasterKey;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway of an installation ({@link SqlGateway#open}): default deny with the baseline policy (administrators
 * read everything, principals their own domains), installed once and never again after a steward removed it, policy
 * changes in the audit log, and one mask key per installation.
 */
class InstallationGatewayTest {
    private static final TableId ORDERS = TableId.parse("retail.orders");
    private static final TableId ACCOUNTS = TableId.parse("banking.accounts");

    @TempDir
    Path home;

    @Test
    void baselineLetsAdministratorsAndDomainOwnersReadAndDeniesEveryoneElse() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            lake.createTableAs(ORDERS, "SELECT range AS id, 'c' || range AS customer FROM range(5)",
                    QueryOptions.defaults(), WriteOptions.append());
            lake.createTableAs(ACCOUNTS, "SELECT range AS id, 'FR76' || range AS iban FROM range(3)",
                    QueryOptions.defaults(), WriteOptions.append());
            SqlGateway gateway = SqlGateway.open(lake, store.database(), Settings.load(home));

            Principal admin = Principal.of("root", "admin");
            Principal shop = new Principal("sam", Set.of("analyst"), Map.of("domains", "retail"));
            Principal outsider = Principal.of("eve", "analyst");
            assertThat(count(gateway, admin, ORDERS)).isEqualTo(5L);
            assertThat(count(gateway, admin, ACCOUNTS)).isEqualTo(3L);
            assertThat(count(gateway, shop, ORDERS)).isEqualTo(5L);
            assertThatThrownBy(() -> count(gateway, shop, ACCOUNTS)).isInstanceOfSatisfying(NorthstarException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(e.getMessage()).contains("sam may not read banking.accounts");
                    });
            assertThatThrownBy(() -> count(gateway, outsider, ORDERS))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);

            PolicyStore policies = new PolicyStore(store.database());
            assertThat(policies.get(PolicyStore.BASELINE).updatedBy()).isEqualTo("northstar");
            policies.delete(PolicyStore.BASELINE, "sofia");
            // A steward's removal is final: opening again does not bring the baseline back.
            SqlGateway reopened = SqlGateway.open(lake, store.database(), Settings.load(home));
            assertThat(policies.find(PolicyStore.BASELINE)).isEmpty();
            assertThatThrownBy(() -> count(reopened, admin, ORDERS))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);

            List<AuditEntry> changes = new AuditLog(store.database()).list(AuditQuery.latest()).entries().stream()
                    .filter(entry -> entry.event().action().equals(AuditEvent.POLICY_CHANGE)).toList();
            assertThat(changes).extracting(entry -> entry.event().principal() + " "
                    + entry.event().details().get("action")).containsExactly("sofia deleted", "northstar applied");
            assertThat(changes.get(0).event().resources()).containsExactly("policy:" + PolicyStore.BASELINE);
        }
    }

    @Test
    void oneMaskKeyPerInstallationWrappedOnceAMasterKeyIsConfigured() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            byte[] first = MaskKey.load(store.database(), Optional.empty());
            assertThat(first).hasSize(32);
            assertThat(MaskKey.load(store.database(), Optional.empty())).isEqualTo(first);
            assertThat(storedWrapped(store)).isZero();

            MasterKey master = MasterKey.fromBase64(MasterKey.generateBase64(), "test");
            assertThat(MaskKey.load(store.database(), Optional.of(master))).isEqualTo(first);
            assertThat(storedWrapped(store)).isEqualTo(1);
            assertThat(MaskKey.load(store.database(), Optional.of(master))).isEqualTo(first);
            assertThatThrownBy(() -> MaskKey.load(store.database(), Optional.empty()))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_CONFIGURATION);
            MasterKey other = MasterKey.fromBase64(MasterKey.generateBase64(), "test");
            assertThatThrownBy(() -> MaskKey.load(store.database(), Optional.of(other)))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_CONFIGURATION);
        }
    }

    private static int storedWrapped(JdbcMetadataStore store) {
        return store.database().call("read", handle -> handle.createQuery("SELECT wrapped FROM ns_mask_key")
                .mapTo(Integer.class).one());
    }

    private static long count(SqlGateway gateway, Principal principal, TableId table) {
        return (Long) gateway.query(principal, Optional.empty(), "SELECT count(*) FROM " + table,
                QueryOptions.defaults()).result().rows().get(0).get(0);
    }
}
