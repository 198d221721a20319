package dev.northstar.server;

import dev.northstar.govern.policy.AccessRequest;
import dev.northstar.govern.policy.ColumnMask;
import dev.northstar.govern.policy.Decision;
import dev.northstar.govern.policy.PolicyChange;
import dev.northstar.govern.policy.StoredPolicy;
import dev.northstar.lake.config.YamlProblem;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Request and response bodies of the policy API (snake_case JSON, in the OpenAPI document). */
final class PolicyBodies {
    private PolicyBodies() {}

    /** A kind: AccessPolicy YAML document to apply or lint. */
    record PolicyText(String yaml) {}

    /** What applying did. */
    record Applied(String name, long version, boolean changed) {}

    /** A problem of a policy document, with its position. */
    record ProblemBody(int line, int column, String path, String message, String hint) {
        static ProblemBody of(YamlProblem problem) {
            return new ProblemBody(problem.line(), problem.column(), problem.path(), problem.message(),
                    problem.hint());
        }
    }

    /** Lint result: valid, or every problem. */
    record LintResult(boolean valid, List<ProblemBody> problems) {}

    /** One change of a policy. */
    record ChangeBody(long version, String action, String changedBy, Instant changedAt) {
        static ChangeBody of(PolicyChange change) {
            return new ChangeBody(change.version(), change.action().toLowerCase(Locale.ROOT), change.changedBy(),
                    change.changedAt());
        }
    }

    /** A policy in force; its YAML and history when asked for one policy. */
    record PolicyBody(String name, String description, long version, int rules, String updatedBy, Instant updatedAt,
            Optional<String> yaml, Optional<List<ChangeBody>> history) {
        static PolicyBody of(StoredPolicy policy, Optional<List<PolicyChange>> history) {
            return new PolicyBody(policy.name(), policy.document().description(), policy.version(),
                    policy.document().rules().size(), policy.updatedBy(), policy.updatedAt(),
                    history.map(ignored -> policy.document().yaml()),
                    history.map(changes -> changes.stream().map(ChangeBody::of).toList()));
        }
    }

    record PolicyList(List<PolicyBody> policies) {}

    /** Who to simulate, for which purpose, on which table. */
    record SimulateRequest(String principal, Optional<List<String>> roles, Optional<Map<String, String>> attributes,
            Optional<String> purpose, String table) {
        SimulateRequest {
            roles = roles == null ? Optional.empty() : roles;
            attributes = attributes == null ? Optional.empty() : attributes;
            purpose = purpose == null ? Optional.empty() : purpose;
        }
    }

    record MaskBody(String kind, Map<String, String> options) {
        static MaskBody of(ColumnMask mask) {
            return new MaskBody(mask.kind().name().toLowerCase(Locale.ROOT), new TreeMap<>(mask.options()));
        }
    }

    record ColumnBody(String name, String access, Optional<MaskBody> mask, String reason) {}

    /** What the principal would see of the table and why. */
    record DecisionBody(String principal, List<String> roles, Map<String, String> attributes,
            Optional<String> purpose, String table, boolean allowed, List<String> deniedColumns,
            Map<String, MaskBody> masks, List<String> rowFilters, List<String> reasons, List<ColumnBody> columns) {
        static DecisionBody of(Decision decision) {
            Map<String, MaskBody> masks = new TreeMap<>();
            decision.access().masks().forEach((column, mask) -> masks.put(column, MaskBody.of(mask)));
            return new DecisionBody(decision.principal().name(), List.copyOf(new TreeSet<>(decision.principal()
                    .roles())), new TreeMap<>(decision.principal().attributes()), decision.purpose(),
                    decision.access().table().toString(), decision.access().allowed(),
                    List.copyOf(new TreeSet<>(decision.access().deniedColumns())), masks,
                    decision.access().rowFilters(), decision.access().reasons(), decision.columns().stream()
                            .map(column -> new ColumnBody(column.column(), column.status().name()
                                    .toLowerCase(Locale.ROOT), column.mask().map(MaskBody::of), column.reason()))
                            .toList());
        }
    }

    /** A request for temporary access, as the requesting principal files it. */
    record AccessRequestCreate(String table, String purpose, String justification, String duration) {}

    /** An approval or denial. */
    record DecideRequest(Optional<String> note) {
        DecideRequest {
            note = note == null ? Optional.empty() : note;
        }
    }

    record AccessRequestBody(String id, String principal, String table, String purpose, String justification,
            String duration, String status, Instant requestedAt, Optional<String> decidedBy,
            Optional<Instant> decidedAt, Optional<String> note, Optional<Instant> expiresAt) {
        static AccessRequestBody of(AccessRequest request) {
            return new AccessRequestBody(request.id(), request.principal(), request.table().toString(),
                    request.purpose(), request.justification(), request.duration().toString(),
                    request.status().name().toLowerCase(Locale.ROOT), request.requestedAt(), request.decidedBy(),
                    request.decidedAt(), request.note(), request.expiresAt());
        }
    }

    record AccessRequestList(List<AccessRequestBody> requests) {}
}
