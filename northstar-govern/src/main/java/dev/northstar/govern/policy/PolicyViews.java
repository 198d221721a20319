package dev.northstar.govern.policy;

import dev.northstar.lake.config.YamlProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Plain maps and lists of the policy types, for JSON in the CLI and the API (one shape for both). */
public final class PolicyViews {
    private PolicyViews() {}

    /** The simulator's answer. */
    public static Map<String, Object> decision(Decision decision) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("principal", decision.principal().name());
        map.put("roles", new TreeSet<>(decision.principal().roles()));
        map.put("attributes", new java.util.TreeMap<>(decision.principal().attributes()));
        map.put("purpose", decision.purpose().orElse(null));
        map.putAll(access(decision.access()));
        map.put("columns", decision.columns().stream().map(column -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", column.column());
            entry.put("status", column.status().name().toLowerCase(Locale.ROOT));
            entry.put("mask", column.mask().map(PolicyViews::mask).orElse(null));
            entry.put("reason", column.reason());
            return entry;
        }).toList());
        return map;
    }

    /** What the gateway enforces. */
    public static Map<String, Object> access(TableAccess access) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", access.table().toString());
        map.put("allowed", access.allowed());
        map.put("deniedColumns", new TreeSet<>(access.deniedColumns()));
        Map<String, Object> masks = new java.util.TreeMap<>();
        access.masks().forEach((column, mask) -> masks.put(column, mask(mask)));
        map.put("masks", masks);
        map.put("rowFilters", access.rowFilters());
        map.put("reasons", access.reasons());
        return map;
    }

    public static Map<String, Object> mask(ColumnMask mask) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", mask.kind().name().toLowerCase(Locale.ROOT));
        map.put("options", new java.util.TreeMap<>(mask.options()));
        return map;
    }

    public static Map<String, Object> request(AccessRequest request) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", request.id());
        map.put("principal", request.principal());
        map.put("table", request.table().toString());
        map.put("purpose", request.purpose());
        map.put("justification", request.justification());
        map.put("duration", request.duration().toString());
        map.put("status", request.status().name().toLowerCase(Locale.ROOT));
        map.put("requestedAt", request.requestedAt().toString());
        map.put("decidedBy", request.decidedBy().orElse(null));
        map.put("decidedAt", request.decidedAt().map(Object::toString).orElse(null));
        map.put("note", request.note().orElse(null));
        map.put("expiresAt", request.expiresAt().map(Object::toString).orElse(null));
        return map;
    }

    public static Map<String, Object> policy(StoredPolicy policy, boolean withYaml) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", policy.name());
        map.put("description", policy.document().description());
        map.put("version", policy.version());
        map.put("rules", policy.document().rules().size());
        map.put("updatedBy", policy.updatedBy());
        map.put("updatedAt", policy.updatedAt().toString());
        if (withYaml) {
            map.put("yaml", policy.document().yaml());
        }
        return map;
    }

    public static List<Map<String, Object>> problems(List<YamlProblem> problems) {
        return problems.stream().map(problem -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("source", problem.source());
            map.put("line", problem.line());
            map.put("column", problem.column());
            map.put("path", problem.path());
            map.put("message", problem.message());
            map.put("hint", problem.hint());
            return map;
        }).toList();
    }

    public static Map<String, Object> change(PolicyChange change) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", change.name());
        map.put("version", change.version());
        map.put("action", change.action().toLowerCase(Locale.ROOT));
        map.put("changedBy", change.changedBy());
        map.put("changedAt", change.changedAt().toString());
        return map;
    }
}
