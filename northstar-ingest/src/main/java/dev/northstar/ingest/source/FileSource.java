package dev.northstar.ingest.source;

import java.nio.file.Path;

/** A source read from one local file: identified by its path, fingerprinted by the SHA-256 of its bytes. */
public sealed interface FileSource extends Source permits CsvSource, JsonSource, ParquetSource {

    /** The file, absolute and normalised. */
    Path path();

    @Override
    default String description() {
        return path().toString();
    }

    @Override
    default String fingerprint() {
        return SourceFiles.sha256(SourceFiles.checkReadable(path()));
    }

    @Override
    default String uri() {
        return path().toUri().toString();
    }

    @Override
    default long sizeBytes() {
        return SourceFiles.size(path());
    }
}
