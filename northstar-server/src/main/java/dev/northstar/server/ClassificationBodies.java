package dev.northstar.server;

import dev.northstar.govern.classify.ClassTag;
import dev.northstar.govern.classify.ColumnClassification;
import dev.northstar.govern.classify.Evidence;
import dev.northstar.govern.classify.ListedSuggestion;
import dev.northstar.govern.classify.ScanResult;
import dev.northstar.govern.classify.Suggestion;
import dev.northstar.govern.classify.TableClassification;
import dev.northstar.govern.classify.TableScan;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** JSON bodies of the classification routes. */
final class ClassificationBodies {
    private ClassificationBodies() {}

    /**
     * A scan request.
     *
     * @param table the table, {@code domain.table}
     * @param sampleRows rows to sample (default 1,000)
     */
    record ScanRequest(String table, Optional<Integer> sampleRows) {
        ScanRequest {
            sampleRows = sampleRows == null ? Optional.empty() : sampleRows;
        }
    }

    /**
     * An accept or reject request.
     *
     * @param note why, optional
     */
    record ReviewRequest(Optional<String> note) {
        ReviewRequest {
            note = note == null ? Optional.empty() : note;
        }
    }

    /**
     * Why a class was suggested; examples are masked.
     *
     * @param summary the evidence in one sentence
     */
    record EvidenceBody(String nameHint, String rule, int matched, int sampled, List<String> examples,
            String summary) {
        static EvidenceBody of(Evidence evidence) {
            return new EvidenceBody(evidence.nameHint(), evidence.rule(), evidence.matched(), evidence.sampled(),
                    evidence.examples(), evidence.summary());
        }
    }

    /**
     * A suggestion.
     *
     * @param level LOW, MEDIUM or HIGH
     * @param status pending, accepted or rejected
     * @param contractClassification what the active contract says of the column, if anything
     * @param contradictsContract whether the contract excludes this class
     */
    record SuggestionBody(String id, String table, String column, String classId, String classLabel,
            double confidence, String level, EvidenceBody evidence, String status, Instant scannedAt,
            Optional<String> reviewer, Optional<Instant> reviewedAt, Optional<String> note,
            Optional<String> contractClassification, boolean contradictsContract) {
        static SuggestionBody of(ListedSuggestion listed) {
            Suggestion suggestion = listed.suggestion();
            return new SuggestionBody(suggestion.id(), suggestion.table().toString(), suggestion.column(),
                    suggestion.dataClass().id(), suggestion.dataClass().label(), suggestion.confidence(),
                    suggestion.level().name(), EvidenceBody.of(suggestion.evidence()),
                    ClassificationBodies.status(suggestion.status()),
                    suggestion.scannedAt(), suggestion.review().map(Suggestion.Review::reviewer),
                    suggestion.review().map(Suggestion.Review::at), suggestion.note(),
                    listed.contractClassification(), listed.contradictsContract());
        }
    }

    /** Suggestions. */
    record SuggestionList(List<SuggestionBody> suggestions) {}

    /** A table's latest scan. */
    record ScanBody(Instant scannedAt, long sampledRows, Optional<Long> snapshotId, String scannedBy) {
        static ScanBody of(TableScan scan) {
            return new ScanBody(scan.scannedAt(), scan.sampledRows(), scan.snapshotId(), scan.scannedBy());
        }
    }

    /**
     * What a scan found and did.
     *
     * @param suggestions every suggestion of the table after the scan
     */
    record ScanResponse(String table, ScanBody scan, int created, int updated, int reopened, int keptRejected,
            int removed, List<SuggestionBody> suggestions) {
        static ScanResponse of(ScanResult result, List<ListedSuggestion> suggestions) {
            return new ScanResponse(result.scan().table().toString(), ScanBody.of(result.scan()), result.created(),
                    result.updated(), result.reopened(), result.keptRejected(), result.removed(),
                    suggestions.stream().map(SuggestionBody::of).toList());
        }
    }

    /**
     * A class of a column's effective classification.
     *
     * @param source contract, accepted or propagated
     * @param path for a propagated class, the columns it came through (origin first), as
     *     {@code namespace/domain.table#column}
     */
    record ClassBody(String classId, String source, Optional<Double> confidence, Optional<EvidenceBody> evidence,
            Optional<String> suggestionId, List<String> path) {
        static ClassBody of(ClassTag tag) {
            return new ClassBody(tag.classId(), tag.source().label(),
                    tag.confidence().isPresent() ? Optional.of(tag.confidence().getAsDouble()) : Optional.empty(),
                    tag.evidence().map(EvidenceBody::of), tag.suggestionId(),
                    tag.path().stream().map(Object::toString).toList());
        }
    }

    /** A column's effective classification with every suggestion on it. */
    record ColumnBody(String column, boolean personal, boolean anonymised, Optional<String> contractClassification,
            List<ClassBody> classes, List<SuggestionBody> suggestions) {
        static ColumnBody of(ColumnClassification column) {
            return new ColumnBody(column.column(), column.personal(), column.anonymised(),
                    column.contractClassification(), column.classes().stream().map(ClassBody::of).toList(),
                    column.suggestions().stream().map(SuggestionBody::of).toList());
        }
    }

    /** A table's effective classification. */
    record TableClassificationBody(String table, Optional<String> contract, Optional<ScanBody> lastScan,
            List<ColumnBody> columns) {
        static TableClassificationBody of(TableClassification table) {
            return new TableClassificationBody(table.table().toString(), table.contract(),
                    table.lastScan().map(ScanBody::of), table.columns().stream().map(ColumnBody::of).toList());
        }
    }

    static String status(Suggestion.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
