package dev.northstar.cli;

import dev.northstar.cockpit.review.EvidenceLink;
import dev.northstar.cockpit.review.Readiness;
import dev.northstar.cockpit.review.ReadinessItem;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar readiness [--json]}: the "ready to start" checklist and 100-day plan with the maturity score. */
@Command(name = "readiness", description = "Evaluate the 'ready to start' checklist and the 100-day plan from the "
        + "platform's state: each item done, partial or missing, with its evidence and next step, and the maturity "
        + "score.")
final class ReadinessCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the checklist as one JSON object.")
    private boolean json;

    @Override
    public Integer call() {
        YearMonth period = YearMonth.now(Clock.systemUTC().withZone(ZoneOffset.UTC));
        Readiness readiness = QualityCommand.withLakeAndStore(root, (lake, store) -> ReviewCommand.views(root, lake,
                store).view(period))
                .readiness();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("score", readiness.score());
            body.put("level", readiness.level());
            body.put("level_name", readiness.levelName());
            body.put("items", readiness.items().stream().map(ReadinessCommand::json).toList());
            out.println(JsonText.write(body));
            out.flush();
            return 0;
        }
        for (String group : List.of("checklist", "plan")) {
            out.println(group.equals("checklist") ? "Ready to start" : "100-day plan");
            TextTable table = new TextTable(List.of("status", "item", "evidence", "next step"), new boolean[4]);
            for (ReadinessItem item : readiness.group(group)) {
                table.add(item.status().id(), item.title(), item.evidence(), item.nextStep());
            }
            table.print(out);
            out.println();
        }
        out.println("Maturity: " + readiness.score() + "/100, level " + readiness.level() + " ("
                + readiness.levelName() + ")");
        out.flush();
        return 0;
    }

    private static Map<String, Object> json(ReadinessItem item) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", item.id());
        body.put("group", item.group());
        body.put("title", item.title());
        body.put("status", item.status().id());
        body.put("evidence", item.evidence());
        body.put("links", item.links().stream().map(EvidenceLink::path).toList());
        body.put("next_step", item.nextStep());
        return body;
    }
}
