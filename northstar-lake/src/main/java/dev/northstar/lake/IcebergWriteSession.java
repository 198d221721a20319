package dev.northstar.lake;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** {@link WriteSession} of an {@link IcebergLakehouse}. */
final class IcebergWriteSession implements WriteSession {
    private final IcebergLakehouse lake;
    private final Connection connection;
    private final TableWriter writer;
    private final List<StagedFiles> pending = new ArrayList<>();
    private boolean closed;

    IcebergWriteSession(IcebergLakehouse lake, Connection connection, TableWriter writer) {
        this.lake = lake;
        this.connection = connection;
        this.writer = writer;
    }

    @Override
    public Connection connection() {
        checkOpen();
        return connection;
    }

    @Override
    public StagedFiles stage(TableId id, String select) {
        checkOpen();
        Table table = lake.load(id);
        Snapshot current = table.currentSnapshot();
        TableWriter.Written written = writer.write(connection, table, RowSource.sql(select));
        StagedFiles staged = new StagedFiles(id, written, current == null ? null : current.snapshotId());
        pending.add(staged);
        return staged;
    }

    @Override
    public WriteResult commit(StagedFiles staged, WriteOptions options) {
        checkOpen();
        if (!pending.remove(staged)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    staged + " is not pending in this session (already committed or discarded)");
        }
        Table table = lake.load(staged.table());
        Snapshot before = staged.startingSnapshotId() == null ? null : table.snapshot(staged.startingSnapshotId());
        try {
            return lake.commit(staged.table(), table, before, staged.written(), options, System.nanoTime());
        } catch (NorthstarException e) {
            delete(staged, table);
            throw e;
        }
    }

    @Override
    public void discard(StagedFiles staged) {
        if (pending.remove(staged)) {
            delete(staged, lake.load(staged.table()));
        }
    }

    private static void delete(StagedFiles staged, Table table) {
        staged.written().files().forEach(file -> table.io().deleteFile(file.location()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The write session is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (StagedFiles staged : List.copyOf(pending)) {
                discard(staged);
            }
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                throw DuckDbEngine.translate(e, "Cannot close the write session");
            }
        }
    }
}
