package dev.northstar.ingest.lineage;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the OpenLineage run events of ingestion runs with the official client: a job {@code ingest.<product>} in
 * namespace {@code northstar}, the source as input dataset (namespace {@code file} or the JDBC URL without
 * credentials), the product and its quarantine table as output datasets in namespace {@code northstar://<host>};
 * COMPLETE events carry the data-quality metrics (row count, null count per column) and assertions (per rule,
 * passed or failed) of the input, and output statistics; FAIL events carry an error message facet.
 */
public final class LineageEvents {
    /** The producer URI written in every event. */
    public static final URI PRODUCER = URI.create("https://github.com/northstar-data/northstar/tree/main/northstar-ingest");
    /** Namespace of ingestion jobs. */
    public static final String JOB_NAMESPACE = "northstar";

    private final OpenLineage openLineage = new OpenLineage(PRODUCER);
    private final String datasetNamespace;

    /** Events whose lake datasets are in namespace {@code northstar://<lakeName>}. */
    public LineageEvents(String lakeName) {
        this.datasetNamespace = "northstar://" + requireNonNull(lakeName, "lakeName is null");
    }

    /**
     * The input dataset of a source.
     *
     * @param namespace e.g. {@code file} for a local file
     * @param name e.g. the file path
     */
    public record Input(String namespace, String name) {
        public Input {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }

        /** A dataset for a source URI: files in namespace {@code file} named by their path. */
        public static Input of(String uri) {
            URI parsed = URI.create(uri);
            if ("file".equals(parsed.getScheme())) {
                return new Input("file", parsed.getPath());
            }
            return new Input(parsed.getScheme() + "://" + Optional.ofNullable(parsed.getAuthority()).orElse(""),
                    Optional.ofNullable(parsed.getPath()).orElse(uri));
        }
    }

    /** Job name of the runs on a product. */
    public static String jobName(String kind, TableId product) {
        return kind + "." + product;
    }

    public OpenLineage.RunEvent start(String runId, String jobName, Instant at, Input input, List<TableId> outputs) {
        return event(OpenLineage.RunEvent.EventType.START, runId, jobName, at, input, outputs, Optional.empty(),
                Optional.empty());
    }

    public OpenLineage.RunEvent complete(String runId, String jobName, Instant at, Input input, List<TableId> outputs,
            RunOutcome outcome) {
        return event(OpenLineage.RunEvent.EventType.COMPLETE, runId, jobName, at, input, outputs, Optional.of(outcome),
                Optional.empty());
    }

    public OpenLineage.RunEvent fail(String runId, String jobName, Instant at, Input input, List<TableId> outputs,
            String message) {
        return event(OpenLineage.RunEvent.EventType.FAIL, runId, jobName, at, input, outputs, Optional.empty(),
                Optional.of(message));
    }

    private OpenLineage.RunEvent event(OpenLineage.RunEvent.EventType type, String runId, String jobName, Instant at,
            Input input, List<TableId> outputs, Optional<RunOutcome> outcome, Optional<String> error) {
        OpenLineage.RunFacetsBuilder runFacets = openLineage.newRunFacetsBuilder();
        error.ifPresent(message -> runFacets.errorMessage(
                openLineage.newErrorMessageRunFacetBuilder().message(message).programmingLanguage("JAVA").build()));
        OpenLineage.InputDatasetBuilder inputDataset = openLineage.newInputDatasetBuilder()
                .namespace(input.namespace())
                .name(input.name());
        outcome.ifPresent(result -> inputDataset.inputFacets(openLineage.newInputDatasetInputFacetsBuilder()
                .dataQualityMetrics(metrics(result))
                .dataQualityAssertions(assertions(result))
                .build()));
        List<OpenLineage.OutputDataset> outputDatasets = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            OpenLineage.OutputDatasetBuilder output = openLineage.newOutputDatasetBuilder()
                    .namespace(datasetNamespace)
                    .name(outputs.get(i).toString());
            if (outcome.isPresent()) {
                long rows = i == 0 ? outcome.get().rowsValid() : outcome.get().rowsQuarantined();
                output.outputFacets(openLineage.newOutputDatasetOutputFacetsBuilder()
                        .outputStatistics(openLineage.newOutputStatisticsOutputDatasetFacetBuilder()
                                .rowCount(rows).build())
                        .build());
            }
            outputDatasets.add(output.build());
        }
        return openLineage.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
                .run(openLineage.newRun(UUID.fromString(runId), runFacets.build()))
                .job(openLineage.newJobBuilder().namespace(JOB_NAMESPACE).name(jobName).build())
                .inputs(List.of(inputDataset.build()))
                .outputs(outputDatasets)
                .build();
    }

    private OpenLineage.DataQualityMetricsInputDatasetFacet metrics(RunOutcome outcome) {
        OpenLineage.DataQualityMetricsInputDatasetFacetColumnMetricsBuilder columns =
                openLineage.newDataQualityMetricsInputDatasetFacetColumnMetricsBuilder();
        for (Map.Entry<String, Long> column : outcome.nullCounts().entrySet()) {
            columns.put(column.getKey(), openLineage.newDataQualityMetricsInputDatasetFacetColumnMetricsAdditionalBuilder()
                    .nullCount(column.getValue())
                    .build());
        }
        return openLineage.newDataQualityMetricsInputDatasetFacetBuilder()
                .rowCount(outcome.rowsIn())
                .columnMetrics(columns.build())
                .build();
    }

    private OpenLineage.DataQualityAssertionsDatasetFacet assertions(RunOutcome outcome) {
        List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> list = new ArrayList<>();
        for (RunOutcome.Assertion assertion : outcome.assertions()) {
            list.add(openLineage.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
                    .assertion(assertion.rule())
                    .column(assertion.column())
                    .success(assertion.passed())
                    .build());
        }
        return openLineage.newDataQualityAssertionsDatasetFacetBuilder().assertions(list).build();
    }
}
