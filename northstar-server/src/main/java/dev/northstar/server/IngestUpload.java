package dev.northstar.server;

import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file uploaded for ingestion ({@code multipart/form-data}: a part {@value #FILE} and optional text fields
 * {@code format}, {@code encoding}, {@code delimiter}, {@code force}), stored in a temporary directory of its own
 * under the name it was sent with (so its extension tells the format and its compression). {@link #close()} deletes
 * the directory, with everything the multipart parser wrote there; callers use try-with-resources, so the file is
 * deleted whatever the ingestion does.
 */
final class IngestUpload implements AutoCloseable {
    /** Name of the multipart part holding the file. */
    static final String FILE = "file";
    /** Room for the other form fields and the multipart framing on top of the file size limit. */
    static final long FORM_OVERHEAD_BYTES = 64 * 1024;
    /** Longest text a form field may hold. */
    private static final int MAX_FIELD_CHARACTERS = 100;
    /** The request attribute Jetty reads the multipart limits and storage directory from. */
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    private static final Logger LOG = LoggerFactory.getLogger(IngestUpload.class);

    private final Path directory;
    private final Path file;
    private final Optional<String> format;
    private final CsvOptions csv;
    private final boolean force;

    private IngestUpload(Path directory, Path file, Optional<String> format, CsvOptions csv, boolean force) {
        this.directory = directory;
        this.file = file;
        this.format = format;
        this.csv = csv;
        this.force = force;
    }

    /**
     * Reads the upload of a request into a temporary file.
     *
     * @param maxBytes largest file accepted
     * @throws NorthstarException {@code PAYLOAD_TOO_LARGE} above the limit (refused from the Content-Length before
     *     anything is read when the client sends one), {@code INVALID_ARGUMENT} for a request that is not
     *     multipart, has no file, an empty file or bad options
     */
    static IngestUpload receive(Context ctx, long maxBytes) {
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The upload must be multipart/form-data, got '"
                    + contentType + "'", "Send the file as a form part named '" + FILE + "', e.g. curl -F "
                    + FILE + "=@orders.csv");
        }
        long maxRequestBytes = maxBytes + FORM_OVERHEAD_BYTES;
        long length = ctx.req().getContentLengthLong();
        if (length > maxRequestBytes) {
            throw tooLarge("The upload (" + length + " bytes)", maxBytes);
        }
        Path directory = createDirectory();
        try {
            ctx.req().setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(directory.toString(), maxBytes,
                    maxRequestBytes, 0));
            Collection<Part> parts = parts(ctx, maxBytes);
            Part filePart = null;
            try {
                Map<String, String> fields = new HashMap<>();
                for (Part part : parts) {
                    if (part.getName().equals(FILE) && part.getSubmittedFileName() != null) {
                        filePart = part;
                    } else if (part.getSubmittedFileName() == null) {
                        fields.put(part.getName(), field(part));
                    }
                }
                if (filePart == null) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The upload has no file part named '"
                            + FILE + "'", "Send the file as a form part named '" + FILE + "', e.g. curl -F " + FILE
                            + "=@orders.csv");
                }
                String name = safeName(filePart.getSubmittedFileName());
                if (filePart.getSize() > maxBytes) {
                    throw tooLarge("The file " + name + " (" + filePart.getSize() + " bytes)", maxBytes);
                }
                if (filePart.getSize() == 0) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The file " + name + " is empty",
                            "Choose a file with a header line and rows");
                }
                // The parser already wrote the part into the upload directory: moved, not copied, under its name.
                Path file = directory.resolve(name);
                filePart.write(file.toString());
                return new IngestUpload(directory, file, text(fields, "format").filter(value -> !value.equals("auto")),
                        csvOptions(fields), flag(fields, "force"));
            } finally {
                for (Part part : parts) {
                    if (part != filePart) {
                        part.delete();
                    }
                }
            }
        } catch (IOException e) {
            delete(directory);
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The upload could not be stored: "
                    + e.getMessage(), "Send the file again", e);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /** The uploaded file as a source, with the format and CSV options the form gave. */
    Source source() {
        return Source.file(file, format, csv);
    }

    /** The file as stored, under the name it was sent with. */
    Path file() {
        return file;
    }

    /** Whether to ingest even a file already ingested into the product. */
    boolean force() {
        return force;
    }

    @Override
    public void close() {
        delete(directory);
    }

    private static Collection<Part> parts(Context ctx, long maxBytes) throws IOException {
        try {
            return ctx.req().getParts();
        } catch (IllegalStateException e) {
            // Jetty's multipart parser says "... exceeds max filesize" or "Request exceeds maxRequestSize".
            if (String.valueOf(e.getMessage()).contains("exceeds")) {
                throw tooLarge("The uploaded file", maxBytes);
            }
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The upload could not be read as"
                    + " multipart/form-data: " + e.getMessage(), "Send the file as a form part named '" + FILE
                    + "'", e);
        } catch (ServletException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The upload could not be read as"
                    + " multipart/form-data: " + e.getMessage(), "Send the file as a form part named '" + FILE
                    + "'", e);
        }
    }

    private static NorthstarException tooLarge(String subject, long maxBytes) {
        return new NorthstarException(ErrorCode.PAYLOAD_TOO_LARGE, subject + " is larger than the " + maxBytes
                + " bytes (" + DisplayFormat.bytes(maxBytes) + ") this server accepts",
                "Ingest large files on the server with 'northstar ingest FILE --product DOMAIN.TABLE', or raise"
                        + " ingest.max-upload-bytes");
    }

    private static String field(Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_CHARACTERS * 4 + 1);
            String value = new String(bytes, StandardCharsets.UTF_8).strip();
            if (value.length() > MAX_FIELD_CHARACTERS) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The form field '" + part.getName()
                        + "' is longer than " + MAX_FIELD_CHARACTERS + " characters",
                        "format, encoding, delimiter and force take short values such as csv, utf-8, ; and true");
            }
            return value;
        }
    }

    private static Optional<String> text(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name)).filter(value -> !value.isEmpty());
    }

    private static boolean flag(Map<String, String> fields, String name) {
        return text(fields, name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The form field '" + name
                    + "' must be true or false, got '" + value + "'", "Send " + name + "=true or leave it out");
        }).orElse(false);
    }

    private static CsvOptions csvOptions(Map<String, String> fields) {
        CsvOptions options = CsvOptions.defaults();
        Optional<String> delimiter = Optional.ofNullable(fields.get("delimiter")).filter(value -> !value.isEmpty());
        if (delimiter.isPresent()) {
            String value = delimiter.get();
            options = options.withDelimiter(value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\\t" : value);
        }
        Optional<String> encoding = text(fields, "encoding");
        if (encoding.isPresent()) {
            options = options.withEncoding(CsvOptions.Encoding.parse(encoding.get()));
        }
        return options;
    }

    /**
     * The last segment of the name the client sent, with anything but letters, digits, dot, dash and underscore
     * replaced: the file lands inside the upload directory whatever the client sent.
     */
    static String safeName(String submitted) {
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        if (name.length() > 120) {
            name = name.substring(name.length() - 120);
        }
        return name.isEmpty() ? "upload" : name;
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("northstar-upload-");
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.UNAVAILABLE, "Cannot create a temporary directory for the upload: "
                    + e.getMessage(), "Check that java.io.tmpdir (" + System.getProperty("java.io.tmpdir")
                    + ") exists, is writable and has room", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete the upload directory {}: {}", directory, e.getMessage());
        }
    }
}
