package dev.northstar.cli;

import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.cockpit.review.CockpitViews;
import dev.northstar.cockpit.review.MonthlyReview;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar review --month YYYY-MM [--html FILE] [--pdf FILE]}: the monthly data review. */
@Command(name = "review", description = "Write the monthly data review (KPIs, portfolio matrix, pipeline, costs, "
        + "risks, readiness) as printable HTML and/or PDF; without --html or --pdf, print the HTML.",
        footer = {
            "",
            "Examples:",
            "  northstar review --month 2026-11 --pdf review-2026-11.pdf",
            "  northstar review --html review.html --pdf review.pdf"
        })
final class ReviewCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month reviewed (default: this month, UTC).")
    private String month;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the review as HTML to FILE.")
    private Path html;

    @Option(names = "--pdf", paramLabel = "FILE", description = "Write the review as PDF (A4) to FILE.")
    private Path pdf;

    @Override
    public Integer call() {
        YearMonth period = month == null ? YearMonth.now(Clock.systemUTC().withZone(ZoneOffset.UTC)) : month(month);
        CockpitView view = QualityCommand.withLakeAndStore(root, (lake, store) -> views(root, lake, store)
                .view(period));
        PrintWriter out = spec.commandLine().getOut();
        if (html == null && pdf == null) {
            out.print(MonthlyReview.html(view));
            out.flush();
            return 0;
        }
        if (html != null) {
            Path target = write(html, MonthlyReview.html(view).getBytes(StandardCharsets.UTF_8), "--html");
            out.println("Wrote the review of " + period + " (HTML) to " + target);
        }
        if (pdf != null) {
            Path target = write(pdf, MonthlyReview.pdf(view), "--pdf");
            out.println("Wrote the review of " + period + " (PDF) to " + target);
        }
        out.flush();
        return 0;
    }

    /**
     * The cockpit's view of a month as the command line sees it: what the platform measures from its metadata
     * database.
     */
    static CockpitViews views(NorthstarCommand root, dev.northstar.lake.Lakehouse lake, JdbcMetadataStore store) {
        return cockpit(root, lake, store);
    }

    /** The installation's cockpit as the command line sees it; business KPIs read through the governed gateway. */
    static dev.northstar.cockpit.Cockpit cockpit(NorthstarCommand root, dev.northstar.lake.Lakehouse lake,
            JdbcMetadataStore store) {
        return dev.northstar.cockpit.Cockpit.open(lake, store, () -> dev.northstar.govern.gateway.SqlGateway.open(
                lake, store.database(), root.settings(root.initializedHome())), Clock.systemUTC());
    }

    static YearMonth month(String text) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--month '" + text + "' is not a month",
                    "Write the month as YYYY-MM, e.g. 2026-11", e);
        }
    }

    private Path write(Path file, byte[] content, String option) {
        Path target = root.environment().resolve(file);
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.write(target, content);
            return target;
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write the review to " + target + ": "
                    + e.getMessage(), "Choose a writable " + option + " path", e);
        }
    }
}
