package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Typed configuration of ingestion.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code lineage.endpoint}</td><td>empty</td><td>OpenLineage HTTP endpoint events are POSTed to, e.g.
 * {@code http://marquez:5000/api/v1/lineage}; events are always stored in the metadata database</td></tr>
 * <tr><td>{@code ingest.dead-run-timeout-minutes}</td><td>{@code 1440}</td><td>a RUNNING run started on another
 * host longer ago than this is treated as dead and recovered</td></tr>
 * <tr><td>{@code ingest.max-upload-bytes}</td><td>{@code 536870912} (512 MiB)</td><td>largest file the server's
 * ingest route and console form accept; larger uploads are refused with 413 before they are stored</td></tr>
 * </table>
 *
 * @param lineageEndpoint where to POST OpenLineage events, if anywhere
 * @param deadRunTimeout age after which a RUNNING run of another host is dead
 * @param maxUploadBytes largest file uploaded to the server for ingestion
 */
public record IngestSettings(Optional<URI> lineageEndpoint, Duration deadRunTimeout, long maxUploadBytes) {
    /** Default of {@code ingest.max-upload-bytes}: 512 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 512L << 20;

    public IngestSettings {
        requireNonNull(lineageEndpoint, "lineageEndpoint is null");
        requireNonNull(deadRunTimeout, "deadRunTimeout is null");
        NorthstarException.checkArgument(!deadRunTimeout.isNegative() && !deadRunTimeout.isZero(),
                "ingest.dead-run-timeout-minutes must be positive");
        if (maxUploadBytes < 1) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "ingest.max-upload-bytes must be at least 1, got " + maxUploadBytes,
                    "Set ingest.max-upload-bytes to the largest file size to accept, e.g. 536870912 for 512 MiB");
        }
    }

    /** No endpoint, one day, 512 MiB uploads. */
    public static IngestSettings defaults() {
        return new IngestSettings(Optional.empty(), Duration.ofDays(1), DEFAULT_MAX_UPLOAD_BYTES);
    }

    public IngestSettings withMaxUploadBytes(long bytes) {
        return new IngestSettings(lineageEndpoint, deadRunTimeout, bytes);
    }

    /** Reads {@code lineage.endpoint}, {@code ingest.dead-run-timeout-minutes} and {@code ingest.max-upload-bytes}. */
    public static IngestSettings from(Settings settings) {
        Optional<URI> endpoint = settings.value("lineage.endpoint").filter(text -> !text.isBlank()).map(text -> {
            try {
                URI uri = URI.create(text.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("not http or https");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                        "lineage.endpoint '" + text + "' is not an http(s) URL: " + e.getMessage(),
                        "Set lineage.endpoint to e.g. http://localhost:5000/api/v1/lineage, or leave it empty");
            }
        });
        return new IngestSettings(endpoint,
                Duration.ofMinutes(settings.longValue("ingest.dead-run-timeout-minutes", 24 * 60)),
                settings.longValue("ingest.max-upload-bytes", DEFAULT_MAX_UPLOAD_BYTES));
    }
}
