package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an erasure did, stored with its request and given to the privacy officer as proof.
 *
 * @param requestId the request
 * @param subjectKeyId digest naming the subject (the subject's value itself stays only on the request)
 * @param erasedBy who ran the erasure
 * @param receivedAt ISO instant the request was received
 * @param completedAt ISO instant the erasure finished
 * @param tables what was deleted where
 * @param filesRemoved data and metadata files physically deleted from the warehouse
 * @param keyShredded whether the subject's data key existed and was shredded
 * @param verified whether a query of every table after erasure found no row of the subject
 */
public record ErasureCertificate(String requestId, String subjectKeyId, String erasedBy, String receivedAt,
        String completedAt, List<ErasedTable> tables, List<String> filesRemoved, boolean keyShredded,
        boolean verified) {
    public ErasureCertificate {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(subjectKeyId, "subjectKeyId is null");
        requireNonNull(erasedBy, "erasedBy is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(completedAt, "completedAt is null");
        tables = List.copyOf(tables);
        filesRemoved = List.copyOf(filesRemoved);
    }

    /**
     * One table's part of an erasure.
     *
     * @param table {@code domain.table}
     * @param kind PRODUCT, QUARANTINE or DERIVED
     * @param column the column matched
     * @param rowsDeleted rows deleted
     * @param snapshotId the snapshot of the delete, 0 when nothing matched
     * @param snapshotsExpired whether older snapshots were expired
     */
    public record ErasedTable(String table, String kind, String column, long rowsDeleted, long snapshotId,
            boolean snapshotsExpired) {}
}
