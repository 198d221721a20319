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

    /**
     * An input column one output column is computed from, as the OpenLineage {@code columnLineage} facet records it:
     * a {@code DIRECT} transformation whose subtype is {@code IDENTITY} (the value itself), {@code TRANSFORMATION}
     * (an expression of it) or {@code AGGREGATION} (an aggregate over it).
     *
     * @param namespace the input dataset's namespace
     * @param name the input dataset's name
     * @param field the input column
     * @param subtype IDENTITY, TRANSFORMATION or AGGREGATION
     */
    public record ColumnInput(String namespace, String name, String field, String subtype) {
        public ColumnInput {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
            requireNonNull(field, "field is null");
            requireNonNull(subtype, "subtype is null");
        }
    }

    /** The lake name ingestion uses in dataset namespaces: this machine's host name. */
    public static String localLakeName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** The namespace of this lake's datasets, {@code northstar://<lake name>}. */
    public String datasetNamespace() {
        return datasetNamespace;
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

    /**
     * The COMPLETE event of an ingestion run whose product columns are read from source columns: the product's output
     * dataset carries a {@code columnLineage} facet (source column to product column, IDENTITY).
     *
     * @param columnSources product column to the source column it is read from
     */
    public OpenLineage.RunEvent complete(String runId, String jobName, Instant at, Input input, List<TableId> outputs,
            RunOutcome outcome, Map<String, String> columnSources) {
        OpenLineage.RunEvent event = complete(runId, jobName, at, input, outputs, outcome);
        if (columnSources.isEmpty() || event.getOutputs().isEmpty()) {
            return event;
        }
        Map<String, List<ColumnInput>> lineage = new java.util.LinkedHashMap<>();
        columnSources.forEach((product, source) -> lineage.put(product,
                List.of(new ColumnInput(input.namespace(), input.name(), source, "IDENTITY"))));
        List<OpenLineage.OutputDataset> outputDatasets = new ArrayList<>(event.getOutputs());
        OpenLineage.OutputDataset product = outputDatasets.get(0);
        outputDatasets.set(0, openLineage.newOutputDatasetBuilder()
                .namespace(product.getNamespace())
                .name(product.getName())
                .facets(openLineage.newDatasetFacetsBuilder().columnLineage(columnLineage(lineage)).build())
                .outputFacets(product.getOutputFacets())
                .build());
        return openLineage.newRunEventBuilder()
                .eventType(event.getEventType())
                .eventTime(event.getEventTime())
                .run(event.getRun())
                .job(event.getJob())
                .inputs(event.getInputs())
                .outputs(outputDatasets)
                .build();
    }

    /** A {@code columnLineage} dataset facet: each output column with the input columns it is computed from. */
    public OpenLineage.ColumnLineageDatasetFacet columnLineage(Map<String, List<ColumnInput>> inputsByColumn) {
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields = openLineage.newColumnLineageDatasetFacetFieldsBuilder();
        inputsByColumn.forEach((column, inputs) -> {
            List<OpenLineage.InputField> inputFields = new ArrayList<>();
            for (ColumnInput each : inputs) {
                inputFields.add(openLineage.newInputFieldBuilder()
                        .namespace(each.namespace())
                        .name(each.name())
                        .field(each.field())
                        .transformations(List.of(openLineage.newInputFieldTransformationsBuilder()
                                .type("DIRECT")
                                .subtype(each.subtype())
                                .masking(false)
                                .build()))
                        .build());
            }
            fields.put(column, openLineage.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
                    .inputFields(inputFields)
                    .build());
        });
        return openLineage.newColumnLineageDatasetFacetBuilder().fields(fields.build()).build();
    }

    /**
     * An event of a run that created a lake table from a SQL query: job {@code sql.<table>} facets carry the SQL; the
     * inputs are the tables the query reads, the output the new table with its column lineage.
     *
     * @param type START, COMPLETE or FAIL
     * @param inputs the tables read
     * @param output the table created
     * @param lineage output column to its input columns (attached to COMPLETE events only)
     * @param error the failure message of a FAIL event
     */
    public OpenLineage.RunEvent tableFromQuery(OpenLineage.RunEvent.EventType type, String runId, Instant at,
            String sql, List<TableId> inputs, TableId output, Map<String, List<ColumnInput>> lineage,
            Optional<String> error) {
        OpenLineage.RunFacetsBuilder runFacets = openLineage.newRunFacetsBuilder();
        error.ifPresent(message -> runFacets.errorMessage(
                openLineage.newErrorMessageRunFacetBuilder().message(message).programmingLanguage("SQL").build()));
        List<OpenLineage.InputDataset> inputDatasets = new ArrayList<>();
        for (TableId input : inputs) {
            inputDatasets.add(openLineage.newInputDatasetBuilder().namespace(datasetNamespace).name(input.toString())
                    .build());
        }
        OpenLineage.OutputDatasetBuilder outputDataset = openLineage.newOutputDatasetBuilder()
                .namespace(datasetNamespace)
                .name(output.toString());
        if (type == OpenLineage.RunEvent.EventType.COMPLETE && !lineage.isEmpty()) {
            outputDataset.facets(openLineage.newDatasetFacetsBuilder().columnLineage(columnLineage(lineage)).build());
        }
        return openLineage.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
                .run(openLineage.newRun(UUID.fromString(runId), runFacets.build()))
                .job(openLineage.newJobBuilder().namespace(JOB_NAMESPACE).name(jobName("sql", output))
                        .facets(openLineage.newJobFacetsBuilder()
                                .sql(openLineage.newSQLJobFacetBuilder().query(sql).dialect("duckdb").build())
                                .build())
                        .build())
                .inputs(inputDatasets)
                .outputs(List.of(outputDataset.build()))
                .build();
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
