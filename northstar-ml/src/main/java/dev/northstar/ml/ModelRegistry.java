package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.ml.metrics.DistributionReference;
import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import dev.northstar.ml.scoring.TreeEnsemble;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The model registry (migration V11): versions with their spec, metrics, fairness report, gates and lineage; the
 * model bytes (XGBoost JSON) and drift references; approvals; and aliases such as {@link #CHAMPION}.
 *
 * <p>Models are kept in the metadata database, not in the warehouse: a version row and its bytes commit in one
 * transaction (no half-registered version, no orphan file), one backup of the database holds the registry whole, and
 * the server reads models without access to the warehouse's file system. A model is a few megabytes of JSON at most.
 *
 * <p>Promotion to champion is four-eyes: the version must pass every gate of its spec and be approved by a principal
 * other than its trainer. Registrations, approvals, promotions and refusals are appended to the audit log.
 * Thread-safe.
 */
public final class ModelRegistry {
    /** The alias serving traffic. */
    public static final String CHAMPION = "champion";
    /** The alias scored in shadow beside the champion. */
    public static final String CHALLENGER = "challenger";
    /** Audit action of a registration. */
    public static final String REGISTER_ACTION = "model.register";
    /** Audit action of an approval (or its refusal). */
    public static final String APPROVE_ACTION = "model.approve";
    /** Audit action of a promotion (or its refusal). */
    public static final String PROMOTE_ACTION = "model.promote";
    /** Format of stored models. */
    public static final String MODEL_FORMAT = "xgboost-json";

    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final int MAX_REGISTER_ATTEMPTS = 20;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final String VERSION_COLUMNS = "name, version, spec, trainer, created_at, features, lineage,"
            + " metrics, fairness, gates_passed, model_format, model_sha256";

    private final MetadataDatabase database;
    private final AuditLog audit;
    private final Clock clock;

    public ModelRegistry(MetadataDatabase database, AuditLog audit) {
        this(database, audit, Clock.systemUTC());
    }

    /** With the clock that stamps versions, approvals and aliases (tests). */
    public ModelRegistry(MetadataDatabase database, AuditLog audit, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What the metrics column holds. */
    private record StoredMetrics(long trainingRows, long validationRows, long trainingMillis, Evaluation validation,
            List<FeatureImportance> importance) {}

    /** What the fairness column holds. */
    private record StoredFairness(List<Fairness> attributes, List<GateResult> gates) {}

    /**
     * Registers a trained model as the next version of its name, with its bytes, in one transaction.
     *
     * @param trainer who trained it; only someone else may approve it
     */
    public ModelVersion register(TrainedModel model, Principal trainer) {
        requireNonNull(model, "model is null");
        requireNonNull(trainer, "trainer is null");
        ModelSpec spec = model.spec();
        Instant now = Instant.ofEpochMilli(clock.millis());
        byte[] bytes = model.modelJson();
        String sha256 = sha256(bytes);
        String features = json(spec.training().features());
        String lineage = json(model.inputs());
        String metrics = json(new StoredMetrics(model.trainingRows(), model.validationRows(), model.trainingMillis(),
                model.validation(), model.importance()));
        String fairness = json(new StoredFairness(model.fairness(), model.gates()));
        String references = json(model.references());
        for (int attempt = 1; ; attempt++) {
            try {
                int version = database.call("register a version of model " + spec.name(), handle ->
                        handle.inTransaction(transaction -> {
                            int next = transaction.createQuery("SELECT COALESCE(MAX(version), 0) FROM ns_model_version"
                                            + " WHERE name = :name")
                                    .bind("name", spec.name()).mapTo(Integer.class).one() + 1;
                            transaction.createUpdate("INSERT INTO ns_model_version (" + VERSION_COLUMNS + ") VALUES"
                                            + " (:name, :version, :spec, :trainer, :created, :features, :lineage,"
                                            + " :metrics, :fairness, :passed, :format, :sha)")
                                    .bind("name", spec.name()).bind("version", (long) next).bind("spec", spec.yaml())
                                    .bind("trainer", trainer.name()).bind("created", now.toEpochMilli())
                                    .bind("features", features).bind("lineage", lineage).bind("metrics", metrics)
                                    .bind("fairness", fairness).bind("passed", model.gatesPassed() ? 1 : 0)
                                    .bind("format", MODEL_FORMAT).bind("sha", sha256)
                                    .execute();
                            insertArtifact(transaction, spec.name(), next, "model",
                                    new String(bytes, StandardCharsets.UTF_8));
                            insertArtifact(transaction, spec.name(), next, "drift-reference", references);
                            return next;
                        }));
                ModelVersion registered = get(spec.name(), version);
                Map<String, String> details = new TreeMap<>();
                details.put("model_sha256", sha256);
                details.put("gates_passed", Boolean.toString(model.gatesPassed()));
                details.put("inputs", String.join(",", model.inputs().stream()
                        .map(input -> input.table() + "@" + input.snapshotId()).toList()));
                audit.append(AuditEvent.change(trainer.name(), REGISTER_ACTION, List.of(resource(registered)),
                        details));
                return registered;
            } catch (NorthstarException e) {
                // Two registrations of one model may pick the same number; the primary key lets one win.
                if (!isKeyTaken(e) || attempt >= MAX_REGISTER_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void insertArtifact(Handle handle, String name, int version, String kind, String content) {
        handle.createUpdate("INSERT INTO ns_model_artifact (name, version, kind, content) VALUES (:name, :version,"
                        + " :kind, :content)")
                .bind("name", name).bind("version", (long) version).bind("kind", kind).bind("content", content)
                .execute();
    }

    private static boolean isKeyTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("23505".equals(sql.getSQLState()) || (sql.getErrorCode() & 0xff) == 19)) {
                return true;
            }
        }
        return false;
    }

    /** Names of registered models, sorted. */
    public List<String> models() {
        return database.call("list models", handle -> handle.createQuery(
                "SELECT DISTINCT name FROM ns_model_version ORDER BY name").mapTo(String.class).list());
    }

    /** Versions of a model, oldest first. */
    public List<ModelVersion> versions(String name) {
        return database.call("list versions of model " + name, handle -> handle.createQuery("SELECT "
                        + VERSION_COLUMNS + " FROM ns_model_version WHERE name = :name ORDER BY version")
                .bind("name", name).map((row, context) -> version(row)).list());
    }

    public Optional<ModelVersion> find(String name, int version) {
        return database.call("read model " + name + ":" + version, handle -> handle.createQuery("SELECT "
                        + VERSION_COLUMNS + " FROM ns_model_version WHERE name = :name AND version = :version")
                .bind("name", name).bind("version", (long) version).map((row, context) -> version(row)).findOne());
    }

    /**
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} naming the versions that exist
     */
    public ModelVersion get(String name, int version) {
        return find(name, version).orElseThrow(() -> notFound(name, version));
    }

    private NorthstarException notFound(String name, int version) {
        List<Integer> existing = versions(name).stream().map(ModelVersion::version).toList();
        return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Model " + name + ":" + version
                + " is not registered", existing.isEmpty() ? "Registered models: " + models()
                : "Versions of " + name + ": " + existing);
    }

    /** The model in XGBoost's JSON format, as trained. */
    public byte[] modelJson(String name, int version) {
        return artifact(name, version, "model").getBytes(StandardCharsets.UTF_8);
    }

    /** The pure-Java scorer of a version. */
    public TreeEnsemble ensemble(String name, int version) {
        return TreeEnsemble.parse(modelJson(name, version), get(name, version).spec().training().features());
    }

    /** Drift references of a version: each feature, then the score. */
    public List<DistributionReference> references(String name, int version) {
        return read(artifact(name, version, "drift-reference"), new TypeReference<List<DistributionReference>>() {});
    }

    private String artifact(String name, int version, String kind) {
        return database.call("read the " + kind + " of model " + name + ":" + version, handle -> handle.createQuery(
                        "SELECT content FROM ns_model_artifact WHERE name = :name AND version = :version"
                                + " AND kind = :kind")
                .bind("name", name).bind("version", (long) version).bind("kind", kind)
                .mapTo(String.class).findOne()).orElseThrow(() -> notFound(name, version));
    }

    /**
     * Records {@code approver}'s approval of a version (idempotent per approver).
     *
     * @throws NorthstarException {@code FORBIDDEN} when the approver trained the version (four-eyes), audited as
     *     a denied {@code model.approve}; {@code RESOURCE_NOT_FOUND}
     */
    public Approval approve(String name, int version, Principal approver, String comment) {
        requireNonNull(approver, "approver is null");
        requireNonNull(comment, "comment is null");
        ModelVersion target = get(name, version);
        if (approver.name().equals(target.trainer())) {
            refuse(approver, APPROVE_ACTION, target, Map.of("reason", "trainer cannot approve"));
            throw new NorthstarException(ErrorCode.FORBIDDEN, approver.name() + " trained " + target.reference()
                    + " and cannot approve it: promotion needs a second person (four-eyes)",
                    "Ask another principal to review the model card and approve " + target.reference());
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        database.call("approve model " + target.reference(), handle -> handle.inTransaction(transaction -> {
            transaction.createUpdate("DELETE FROM ns_model_approval WHERE name = :name AND version = :version"
                            + " AND approver = :approver")
                    .bind("name", name).bind("version", (long) version).bind("approver", approver.name()).execute();
            return transaction.createUpdate("INSERT INTO ns_model_approval (name, version, approver, approved_at,"
                            + " comment) VALUES (:name, :version, :approver, :at, :comment)")
                    .bind("name", name).bind("version", (long) version).bind("approver", approver.name())
                    .bind("at", now.toEpochMilli()).bind("comment", comment).execute();
        }));
        audit.append(AuditEvent.change(approver.name(), APPROVE_ACTION, List.of(resource(target)),
                Map.of("trainer", target.trainer())));
        return new Approval(name, version, approver.name(), now, comment);
    }

    /** Approvals of a version, oldest first. */
    public List<Approval> approvals(String name, int version) {
        return database.call("list approvals of model " + name + ":" + version, handle -> handle.createQuery(
                        "SELECT name, version, approver, approved_at, comment FROM ns_model_approval"
                                + " WHERE name = :name AND version = :version ORDER BY approved_at, approver")
                .bind("name", name).bind("version", (long) version)
                .map((row, context) -> new Approval(row.getString("name"), row.getInt("version"),
                        row.getString("approver"), Instant.ofEpochMilli(row.getLong("approved_at")),
                        row.getString("comment")))
                .list());
    }

    /**
     * Points an alias at a version. {@link #CHAMPION} requires every gate passed and an approval by a principal
     * other than the trainer; other aliases (such as {@link #CHALLENGER}, scored in shadow) do not. Each promotion and
     * each refusal is audited as {@code model.promote}.
     *
     * @throws NorthstarException {@code FORBIDDEN} naming each unmet condition; {@code RESOURCE_NOT_FOUND};
     *     {@code INVALID_ARGUMENT} for a malformed alias
     */
    public ModelVersion promote(String name, int version, String alias, Principal principal) {
        requireNonNull(principal, "principal is null");
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid alias '" + alias + "'",
                    "Use lower-case letters, digits and dashes, e.g. champion or challenger");
        }
        ModelVersion target = get(name, version);
        if (alias.equals(CHAMPION)) {
            List<String> unmet = new ArrayList<>();
            target.gates().stream().filter(gate -> !gate.passed()).forEach(gate -> unmet.add(Double.isNaN(
                    gate.value()) ? String.format(Locale.ROOT, "gate %s on %s could not be measured (limit %.4f):"
                            + " %s", gate.gate(), gate.subject(), gate.limit(), gate.subject().equals("model")
                            ? "the validation set lacks both classes" : "the decision flags fewer than "
                            + Trainer.MIN_SELECTED + " validation rows, or fewer than two groups have positives")
                    : String.format(Locale.ROOT, "gate %s on %s failed: %.4f against %.4f", gate.gate(),
                            gate.subject(), gate.value(), gate.limit())));
            boolean approved = approvals(name, version).stream()
                    .anyMatch(approval -> !approval.approver().equals(target.trainer()));
            if (!approved) {
                unmet.add("no approval by a principal other than the trainer " + target.trainer());
            }
            if (!unmet.isEmpty()) {
                refuse(principal, PROMOTE_ACTION, target, Map.of("alias", alias, "reason", String.join("; ", unmet)));
                throw new NorthstarException(ErrorCode.FORBIDDEN, target.reference() + " cannot become " + CHAMPION
                        + ": " + String.join("; ", unmet), approved
                        ? "Retrain with a spec and data that pass the gates, or promote it as challenger to observe it"
                        : "Another principal must approve it first (model approve " + target.reference() + ")");
            }
        }
        Optional<Integer> previous = alias(name, alias).map(ModelVersion::version);
        Instant now = Instant.ofEpochMilli(clock.millis());
        database.call("point alias " + alias + " of model " + name + " at version " + version, handle ->
                handle.inTransaction(transaction -> {
                    transaction.createUpdate("DELETE FROM ns_model_alias WHERE name = :name AND alias = :alias")
                            .bind("name", name).bind("alias", alias).execute();
                    return transaction.createUpdate("INSERT INTO ns_model_alias (name, alias, version, updated_by,"
                                    + " updated_at) VALUES (:name, :alias, :version, :by, :at)")
                            .bind("name", name).bind("alias", alias).bind("version", (long) version)
                            .bind("by", principal.name()).bind("at", now.toEpochMilli()).execute();
                }));
        Map<String, String> details = new TreeMap<>();
        details.put("alias", alias);
        details.put("previous", previous.map(String::valueOf).orElse("none"));
        details.put("trainer", target.trainer());
        audit.append(AuditEvent.change(principal.name(), PROMOTE_ACTION, List.of(resource(target)), details));
        return target;
    }

    /** The version an alias points at. */
    public Optional<ModelVersion> alias(String name, String alias) {
        return database.call("read alias " + alias + " of model " + name, handle -> handle.createQuery(
                        "SELECT version FROM ns_model_alias WHERE name = :name AND alias = :alias")
                .bind("name", name).bind("alias", alias).mapTo(Integer.class).findOne())
                .flatMap(version -> find(name, version));
    }

    /** Aliases of a model and their versions, by alias. */
    public Map<String, Integer> aliases(String name) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        database.call("list aliases of model " + name, handle -> handle.createQuery(
                        "SELECT alias, version FROM ns_model_alias WHERE name = :name ORDER BY alias")
                .bind("name", name)
                .map((row, context) -> Map.entry(row.getString("alias"), row.getInt("version"))).list())
                .forEach(entry -> aliases.put(entry.getKey(), entry.getValue()));
        return aliases;
    }

    private void refuse(Principal principal, String action, ModelVersion target, Map<String, String> details) {
        audit.append(new AuditEvent(principal.name(), action, List.of(resource(target)), Optional.empty(),
                AuditEvent.Decision.DENIED, Optional.empty(), details));
    }

    /** How the audit log names a version: {@code model:NAME:VERSION}. */
    static String resource(ModelVersion version) {
        return "model:" + version.name() + ":" + version.version();
    }

    private static ModelVersion version(ResultSet row) throws SQLException {
        String name = row.getString("name");
        int version = row.getInt("version");
        ModelSpec spec = ModelSpecParser.parse(row.getString("spec"), "registry " + name + ":" + version);
        StoredMetrics metrics = read(row.getString("metrics"), new TypeReference<StoredMetrics>() {});
        StoredFairness fairness = read(row.getString("fairness"), new TypeReference<StoredFairness>() {});
        List<InputTable> inputs = read(row.getString("lineage"), new TypeReference<List<InputTable>>() {});
        return new ModelVersion(name, version, spec, row.getString("trainer"),
                Instant.ofEpochMilli(row.getLong("created_at")), inputs, metrics.trainingRows(),
                metrics.validationRows(), metrics.validation(), fairness.attributes(), fairness.gates(),
                metrics.importance(), metrics.trainingMillis(), row.getString("model_sha256"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot write " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), null, e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "The model registry holds unreadable JSON: "
                    + e.getOriginalMessage(), "The row was changed outside Northstar; restore it from a backup", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
