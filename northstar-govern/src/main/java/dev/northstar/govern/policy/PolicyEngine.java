package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The access-policy engine: decides from the stored YAML policies, the table's contract (the purposes it allows,
 * classification, tags) and approved access requests what a principal may read of a table for a purpose.
 *
 * <p>Precedence, in order:
 * <ol>
 *   <li>Purpose: when the table's contract lists purposes ({@code northstar.purposes}), the query must declare one
 *       of them, or the table is denied.</li>
 *   <li>Default deny: a table is readable only when an allow rule (or an approved, unexpired access request for the
 *       same purpose) matches it; a rule with {@code purposes} matches only queries declaring one of them.</li>
 *   <li>Deny beats allow: a matching table-level deny denies the table; a column-level deny denies the column
 *       whatever allows it; columns no allow rule reaches are denied.</li>
 *   <li>The most restrictive mask wins: nullify, then redact, keyed_hash, partial, then the generalisations
 *       (year, age_band, geo_grid); ties go to the first rule by policy name and position.</li>
 *   <li>Row filters add up (AND). A filter naming a subject attribute the principal lacks, or a column the table
 *       lacks, denies the table.</li>
 * </ol>
 */
public final class PolicyEngine implements AccessPolicy {
    private static final List<ColumnMask.Kind> RESTRICTIVENESS = List.of(ColumnMask.Kind.NULLIFY,
            ColumnMask.Kind.REDACT, ColumnMask.Kind.KEYED_HASH, ColumnMask.Kind.PARTIAL, ColumnMask.Kind.YEAR,
            ColumnMask.Kind.AGE_BAND, ColumnMask.Kind.GEO_GRID);

    /**
     * The resource domain that stands for the reading principal's own domains (its {@code domains} attribute): a
     * rule {@code resources: {domains: ["${subject.domains}"]}} lets domain teams read their own tables.
     */
    public static final String OWN_DOMAINS = "${subject.domains}";

    private final Supplier<List<PolicyRule>> rules;
    private final AccessRequests requests;
    private final Optional<ProductRegistry> registry;
    private final MetadataDatabase database;

    /** How long decisions reuse what they read, unless this JVM changed a policy or access request meanwhile. */
    public static final Duration DEFAULT_FRESHNESS = Duration.ofSeconds(1);

    private final long freshnessNanos;
    private final Map<TableId, Cached<TableFacts>> facts = new ConcurrentHashMap<>();
    private final Map<String, Cached<List<AccessRequest>>> grants = new ConcurrentHashMap<>();

    /** A value read at a time, in a generation of changes. */
    private record Cached<T>(T value, long readAt, long generation) {}

    /**
     * Reads the policies of {@code store}. What decisions read (policies, contracts, accepted classes, grants) is
     * reused for {@link #DEFAULT_FRESHNESS} — changes made in this JVM apply at once, changes made by another process
     * within that time; grants expire exactly, by the clock of {@code requests}.
     */
    public PolicyEngine(PolicyStore store, AccessRequests requests, Optional<ProductRegistry> registry,
            MetadataDatabase database) {
        this(store, requests, registry, database, DEFAULT_FRESHNESS);
    }

    /** With how long what decisions read is reused ({@link Duration#ZERO}: read everything on every decision). */
    public PolicyEngine(PolicyStore store, AccessRequests requests, Optional<ProductRegistry> registry,
            MetadataDatabase database, Duration freshness) {
        this(cached(requireNonNull(store, "store is null"), freshness.toNanos()), requests, registry, database,
                freshness);
    }

    /** With fixed policies (e.g. files not yet applied, for the simulator). */
    public PolicyEngine(List<PolicyDocument> documents, AccessRequests requests, Optional<ProductRegistry> registry,
            MetadataDatabase database) {
        this(rulesOf(documents), requests, registry, database, Duration.ZERO);
    }

    private PolicyEngine(Supplier<List<PolicyRule>> rules, AccessRequests requests,
            Optional<ProductRegistry> registry, MetadataDatabase database, Duration freshness) {
        this.rules = rules;
        this.requests = requireNonNull(requests, "requests is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.database = requireNonNull(database, "database is null");
        this.freshnessNanos = freshness.toNanos();
    }

    private static Supplier<List<PolicyRule>> rulesOf(List<PolicyDocument> documents) {
        List<PolicyRule> all = documents.stream()
                .sorted(Comparator.comparing(PolicyDocument::name))
                .flatMap(document -> document.rules().stream())
                .toList();
        return () -> all;
    }

    private static Supplier<List<PolicyRule>> cached(PolicyStore store, long freshnessNanos) {
        AtomicReference<Cached<List<PolicyRule>>> cache = new AtomicReference<>();
        return () -> {
            Cached<List<PolicyRule>> current = cache.get();
            long now = System.nanoTime();
            long generation = PolicyStore.generation();
            if (current != null && current.generation() == generation && now - current.readAt() < freshnessNanos) {
                return current.value();
            }
            Cached<List<PolicyRule>> fresh = new Cached<>(rulesOf(store.list().stream().map(StoredPolicy::document)
                    .toList()).get(), now, generation);
            cache.set(fresh);
            return fresh.value();
        };
    }

    private <K, T> T cached(Map<K, Cached<T>> cache, K key, Supplier<T> read) {
        long now = System.nanoTime();
        long generation = PolicyStore.generation();
        Cached<T> current = cache.get(key);
        if (current != null && current.generation() == generation && now - current.readAt() < freshnessNanos) {
            return current.value();
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        T value = read.get();
        cache.put(key, new Cached<>(value, now, generation));
        return value;
    }

    @Override
    public TableAccess access(Principal principal, Optional<String> purpose, TableId table, List<String> columns) {
        return decide(principal, purpose, table, columns).access();
    }

    /**
     * The column-scoped MASK and DENY rules in force that apply to a column of a table (for a principal of the
     * table's own domain): what protects a personal-data column, whoever reads it.
     */
    public List<PolicyRule> protectingRules(TableId table, String column) {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        TableFacts tableFacts = TableFacts.of(table, registry, database);
        Principal owner = new Principal("coverage", Set.of(), Map.of("domains", table.domain()));
        String name = column.toLowerCase(Locale.ROOT);
        return rules.get().stream()
                .filter(rule -> rule.effect() == PolicyRule.Effect.MASK || rule.effect() == PolicyRule.Effect.DENY)
                .filter(rule -> rule.resources().columnScoped())
                .filter(rule -> tableMatches(rule.resources(), table, tableFacts, owner)
                        && columnMatches(rule.resources(), name, tableFacts))
                .toList();
    }

    /** The decision with each column's fate and reason (the simulator's answer). */
    public Decision decide(Principal principal, Optional<String> purpose, TableId table, List<String> columns) {
        requireNonNull(principal, "principal is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(table, "table is null");
        Optional<String> declared = purpose.map(value -> value.trim().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty());
        List<String> names = columns.stream().map(column -> column.toLowerCase(Locale.ROOT)).distinct().toList();
        TableFacts facts = cached(this.facts, table, () -> TableFacts.of(table, registry, database));
        String who = principal.name() + (principal.roles().isEmpty() ? ""
                : " (" + String.join(", ", new TreeSet<>(principal.roles())) + ")");
        String forPurpose = declared.map(value -> " for purpose '" + value + "'").orElse(" without a purpose");

        if (facts.purposes().isPresent() && (declared.isEmpty() || !facts.purposes().get().contains(declared.get()))) {
            return denied(principal, declared, table, "deny: the contract of " + table + " allows only the purposes "
                    + new TreeSet<>(facts.purposes().get()) + "; the query " + (declared.isEmpty()
                    ? "declares none" : "declares '" + declared.get() + "'"));
        }
        List<PolicyRule> applicable = rules.get().stream()
                .filter(rule -> rule.purposes().isEmpty() || declared.map(rule.purposes()::contains).orElse(false))
                .filter(rule -> subjectMatches(rule.subjects(), principal))
                .filter(rule -> tableMatches(rule.resources(), table, facts, principal))
                .toList();
        for (PolicyRule rule : applicable) {
            if (rule.effect() == PolicyRule.Effect.DENY && !rule.resources().columnScoped()) {
                return denied(principal, declared, table, "deny: " + rule.label() + " denies " + who + " "
                        + table + forPurpose + " (deny beats allow)");
            }
        }
        List<String> reasons = new ArrayList<>();
        Map<String, String> allowedBy = new LinkedHashMap<>();
        for (PolicyRule rule : applicable) {
            if (rule.effect() != PolicyRule.Effect.ALLOW) {
                continue;
            }
            boolean any = false;
            for (String column : names) {
                if (columnMatches(rule.resources(), column, facts)) {
                    allowedBy.putIfAbsent(column, "allow: " + rule.label());
                    any = true;
                }
            }
            if (any) {
                reasons.add("allow: " + rule.label() + " allows " + who + " to read "
                        + (rule.resources().columnScoped() ? "some columns of " : "") + table + forPurpose);
            }
        }
        if (declared.isPresent()) {
            java.time.Instant now = requests.now();
            List<AccessRequest> held = cached(grants, principal.name() + "\u0000" + table,
                    () -> requests.grants(principal.name(), table));
            for (AccessRequest grant : held) {
                if (grant.activeAt(now) && grant.purpose().equals(declared.get())) {
                    String label = "allow: access request " + grant.id() + " approved by " + grant.decidedBy().orElse("?")
                            + " until " + grant.expiresAt().orElseThrow();
                    names.forEach(column -> allowedBy.putIfAbsent(column, label));
                    reasons.add(label);
                    break;
                }
            }
        }
        if (allowedBy.isEmpty()) {
            return denied(principal, declared, table, "deny: no policy allows " + who + " to read " + table
                    + forPurpose + " (default deny)");
        }
        Map<String, String> deniedBy = new LinkedHashMap<>();
        for (PolicyRule rule : applicable) {
            if (rule.effect() == PolicyRule.Effect.DENY) {
                for (String column : names) {
                    if (columnMatches(rule.resources(), column, facts)) {
                        deniedBy.putIfAbsent(column, "deny: " + rule.label() + " (deny beats allow)");
                    }
                }
            }
        }
        for (String column : names) {
            if (!allowedBy.containsKey(column)) {
                deniedBy.putIfAbsent(column, "deny: no policy allows this column (default deny)");
            }
        }
        deniedBy.forEach((column, reason) -> reasons.add(reason.replaceFirst("^deny: ", "deny column " + column
                + ": ")));
        if (deniedBy.size() == names.size()) {
            reasons.add("deny: every column of " + table + " is denied to " + who);
            return new Decision(principal, declared, new TableAccess(table, false, deniedBy.keySet(), Map.of(),
                    List.of(), reasons), decisions(names, deniedBy, Map.of(), Map.of(), allowedBy));
        }
        Map<String, ColumnMask> masks = new LinkedHashMap<>();
        Map<String, String> maskedBy = new HashMap<>();
        for (PolicyRule rule : applicable) {
            if (rule.effect() != PolicyRule.Effect.MASK) {
                continue;
            }
            ColumnMask mask = rule.mask().orElseThrow();
            for (String column : names) {
                if (deniedBy.containsKey(column) || !columnMatches(rule.resources(), column, facts)) {
                    continue;
                }
                ColumnMask current = masks.get(column);
                if (current == null) {
                    masks.put(column, mask);
                    maskedBy.put(column, "mask: " + rule.label() + " " + describe(mask));
                } else if (RESTRICTIVENESS.indexOf(mask.kind()) < RESTRICTIVENESS.indexOf(current.kind())) {
                    masks.put(column, mask);
                    maskedBy.put(column, "mask: " + rule.label() + " " + describe(mask) + " (more restrictive than "
                            + maskedBy.get(column).substring("mask: ".length()) + ")");
                } else {
                    maskedBy.put(column, maskedBy.get(column) + " (more restrictive than " + rule.label() + " "
                            + describe(mask) + ")");
                }
            }
        }
        masks.keySet().forEach(column -> reasons.add(maskedBy.get(column).replaceFirst("^mask: ", "mask column "
                + column + ": ")));
        List<String> filters = new ArrayList<>();
        Map<String, String> subject = subjectValues(principal);
        Set<String> tableColumns = new LinkedHashSet<>(names);
        for (PolicyRule rule : applicable) {
            if (rule.effect() != PolicyRule.Effect.FILTER) {
                continue;
            }
            String predicate = rule.filter().orElseThrow();
            Optional<String> bound = RowFilter.bind(predicate, subject);
            if (bound.isEmpty()) {
                Set<String> missing = new TreeSet<>(RowFilter.attributes(predicate));
                missing.removeAll(subject.keySet());
                return denied(principal, declared, table, "deny: row filter of " + rule.label() + " ('" + predicate
                        + "') needs the subject attribute(s) " + missing + ", which " + principal.name() + " lacks");
            }
            try {
                RowFilter.check(predicate, Optional.of(tableColumns));
            } catch (NorthstarException e) {
                return denied(principal, declared, table, "deny: row filter of " + rule.label() + " cannot apply to "
                        + table + ": " + e.getMessage());
            }
            filters.add(bound.get());
            reasons.add("filter: " + rule.label() + " keeps only rows where " + bound.get());
        }
        TableAccess access = new TableAccess(table, true, deniedBy.keySet(), masks, filters, reasons);
        return new Decision(principal, declared, access, decisions(names, deniedBy, masks, maskedBy, allowedBy));
    }

    private static List<ColumnDecision> decisions(List<String> names, Map<String, String> deniedBy,
            Map<String, ColumnMask> masks, Map<String, String> maskedBy, Map<String, String> allowedBy) {
        List<ColumnDecision> decisions = new ArrayList<>();
        for (String column : names) {
            if (deniedBy.containsKey(column)) {
                decisions.add(new ColumnDecision(column, ColumnDecision.Status.DENIED, Optional.empty(),
                        deniedBy.get(column)));
            } else if (masks.containsKey(column)) {
                decisions.add(new ColumnDecision(column, ColumnDecision.Status.MASKED,
                        Optional.of(masks.get(column)), maskedBy.get(column)));
            } else {
                decisions.add(new ColumnDecision(column, ColumnDecision.Status.ALLOWED, Optional.empty(),
                        allowedBy.get(column)));
            }
        }
        return decisions;
    }

    private Decision denied(Principal principal, Optional<String> purpose, TableId table, String reason) {
        return new Decision(principal, purpose, TableAccess.denied(table, reason), List.of());
    }

    /** How a mask reads in reasons, e.g. {@code partial(keep=4)}. */
    public static String describe(ColumnMask mask) {
        String kind = mask.kind().name().toLowerCase(Locale.ROOT);
        if (mask.options().isEmpty()) {
            return kind;
        }
        StringBuilder text = new StringBuilder(kind).append('(');
        new java.util.TreeMap<>(mask.options()).forEach((key, value) -> text.append(text.charAt(text.length() - 1)
                == '(' ? "" : ", ").append(key).append('=').append(value));
        return text.append(')').toString();
    }

    /** The values {@code ${subject.x}} placeholders read: attributes, {@code name} and {@code roles}. */
    static Map<String, String> subjectValues(Principal principal) {
        Map<String, String> values = new HashMap<>(principal.attributes());
        values.put("name", principal.name());
        values.put("roles", String.join(",", new TreeSet<>(principal.roles())));
        return values;
    }

    static boolean subjectMatches(PolicyRule.Subjects subjects, Principal principal) {
        if (!subjects.principals().isEmpty() && !subjects.principals().contains(principal.name())) {
            return false;
        }
        if (!subjects.roles().isEmpty() && principal.roles().stream()
                .noneMatch(role -> subjects.roles().contains(role.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        if (!subjects.domains().isEmpty()
                && !intersects(subjects.domains(), values(principal.attributes().get("domains"), true))) {
            return false;
        }
        if (subjects.clearance().isPresent()) {
            String held = principal.attributes().getOrDefault("clearance", "").trim().toLowerCase(Locale.ROOT);
            int level = PolicyParser.CLEARANCES.indexOf(held);
            if (level < PolicyParser.CLEARANCES.indexOf(subjects.clearance().get())) {
                return false;
            }
        }
        for (Map.Entry<String, Set<String>> attribute : subjects.attributes().entrySet()) {
            String value = principal.attributes().get(attribute.getKey());
            if (value == null) {
                return false;
            }
            if (!attribute.getValue().contains("*") && !intersects(attribute.getValue(), values(value, false))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> values(String text, boolean lowerCase) {
        Set<String> values = new LinkedHashSet<>();
        if (text != null) {
            for (String value : text.split(",")) {
                if (!value.isBlank()) {
                    values.add(lowerCase ? value.trim().toLowerCase(Locale.ROOT) : value.trim());
                }
            }
        }
        return values;
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    static boolean tableMatches(PolicyRule.Resources resources, TableId table, TableFacts facts,
            Principal principal) {
        String domain = table.domain().toLowerCase(Locale.ROOT);
        if (!resources.domains().isEmpty() && !resources.domains().contains("*")
                && !resources.domains().contains(domain)
                && !(resources.domains().contains(OWN_DOMAINS)
                        && values(principal.attributes().get("domains"), true).contains(domain))) {
            return false;
        }
        if (!resources.products().isEmpty()) {
            if (facts.product().isEmpty()) {
                return false;
            }
            String product = facts.product().get().toLowerCase(Locale.ROOT);
            if (!resources.products().contains(product)
                    && !resources.products().contains(table.domain().toLowerCase(Locale.ROOT) + "." + product)) {
                return false;
            }
        }
        if (!resources.tables().isEmpty()) {
            String name = table.toString().toLowerCase(Locale.ROOT);
            boolean any = resources.tables().stream().anyMatch(pattern -> pattern.equals("*")
                    || pattern.equals(name)
                    || pattern.endsWith(".*") && name.startsWith(pattern.substring(0, pattern.length() - 1)));
            if (!any) {
                return false;
            }
        }
        return resources.tags().isEmpty() || resources.tags().stream()
                .anyMatch(tag -> facts.tags().contains(tag.toLowerCase(Locale.ROOT)));
    }

    static boolean columnMatches(PolicyRule.Resources resources, String column, TableFacts facts) {
        if (!resources.columnScoped()) {
            return true;
        }
        if (resources.columns().contains(column)) {
            return true;
        }
        Set<String> classes = facts.columnClasses().getOrDefault(column, Set.of());
        if (intersects(resources.classifications(), classes)) {
            return true;
        }
        Set<String> tags = facts.columnTags().getOrDefault(column, Set.of());
        return resources.columnTags().stream().anyMatch(tag -> tags.contains(tag.toLowerCase(Locale.ROOT)));
    }
}
