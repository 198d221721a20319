package dev.northstar.ingest.lineage;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.store.MetadataDatabase;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where run events go: stored in {@code ns_lineage_events} of the metadata database (always), and POSTed as JSON to
 * the configured OpenLineage endpoint ({@code lineage.endpoint}, e.g. Marquez's {@code /api/v1/lineage}) when one is
 * set. A failed POST is logged and never fails the run: the stored event is the record.
 */
public final class LineageLog {
    private static final Logger LOG = LoggerFactory.getLogger(LineageLog.class);

    private final MetadataDatabase database;
    private final Optional<URI> endpoint;
    private final HttpClient http;

    public LineageLog(MetadataDatabase database, Optional<URI> endpoint) {
        this.database = requireNonNull(database, "database is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A stored event.
     *
     * @param runId run id
     * @param eventType START, COMPLETE or FAIL
     * @param eventTime event time
     * @param jobName job name
     * @param json the event as OpenLineage JSON
     */
    public record StoredEvent(String runId, String eventType, Instant eventTime, String jobName, String json) {}

    /** Stores the event, then POSTs it to the endpoint if one is configured. */
    public void record(OpenLineage.RunEvent event) {
        String json = OpenLineageClientUtils.toJson(event);
        String runId = event.getRun().getRunId().toString();
        String type = event.getEventType().name();
        database.call("store the lineage event " + type + " of run " + runId, handle -> handle.createUpdate(
                        "INSERT INTO ns_lineage_events (id, run_id, event_type, event_time, job_name, event)"
                                + " VALUES (:id, :run_id, :event_type, :event_time, :job_name, :event)")
                .bind("id", runId + ":" + type)
                .bind("run_id", runId)
                .bind("event_type", type)
                .bind("event_time", event.getEventTime().toInstant().toEpochMilli())
                .bind("job_name", event.getJob().getName())
                .bind("event", json)
                .execute());
        endpoint.ifPresent(uri -> post(uri, json, runId, type));
    }

    private void post(URI uri, String json, String runId, String type) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("OpenLineage endpoint {} answered {} to the {} event of run {}: {}", uri,
                        response.statusCode(), type, runId, response.body());
            }
        } catch (IOException e) {
            LOG.warn("Cannot POST the {} event of run {} to the OpenLineage endpoint {}: {}", type, runId, uri,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while POSTing the {} event of run {} to {}", type, runId, uri);
        }
    }

    /**
     * Stores an event that came from outside (an OpenLineage producer such as Spark, Airflow or dbt), already
     * validated, as its original JSON. Unlike the platform's own runs, an outside run may send several events of one
     * type (RUNNING...), so each stored event gets a key of its own.
     *
     * @param runId the run id, or for a dataset or job event a fresh id naming that event
     * @param eventType the run event type, or {@code DATASET} / {@code JOB} for static metadata events
     * @param eventTime the event time
     * @param jobName the job name ({@code namespace/name} of the dataset for a dataset event)
     * @param json the event as received
     * @return the key the event is stored under
     */
    public String recordExternal(String runId, String eventType, Instant eventTime, String jobName, String json) {
        requireNonNull(runId, "runId is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(jobName, "jobName is null");
        requireNonNull(json, "json is null");
        String id = runId + ":" + eventType + ":" + java.util.UUID.randomUUID();
        database.call("store the outside lineage event " + eventType + " of run " + runId, handle -> handle
                .createUpdate("INSERT INTO ns_lineage_events (id, run_id, event_type, event_time, job_name, event)"
                        + " VALUES (:id, :run_id, :event_type, :event_time, :job_name, :event)")
                .bind("id", id)
                .bind("run_id", runId)
                .bind("event_type", eventType)
                .bind("event_time", eventTime.toEpochMilli())
                .bind("job_name", jobName)
                .bind("event", json)
                .execute());
        return id;
    }

    /** Every stored event, oldest first: what the lineage graph is built from. */
    public List<StoredEvent> all() {
        return database.call("read the lineage events", handle -> handle.createQuery(
                        "SELECT run_id, event_type, event_time, job_name, event FROM ns_lineage_events"
                                + " ORDER BY event_time, id")
                .map((row, context) -> new StoredEvent(row.getString("run_id"), row.getString("event_type"),
                        Instant.ofEpochMilli(row.getLong("event_time")), row.getString("job_name"),
                        row.getString("event")))
                .list());
    }

    /** The stored events of a run, in time order. */
    public List<StoredEvent> events(String runId) {
        requireNonNull(runId, "runId is null");
        return database.call("read the lineage events of run " + runId, handle -> handle.createQuery(
                        "SELECT run_id, event_type, event_time, job_name, event FROM ns_lineage_events"
                                + " WHERE run_id = :run_id ORDER BY event_time, id")
                .bind("run_id", runId)
                .map((row, context) -> new StoredEvent(row.getString("run_id"), row.getString("event_type"),
                        Instant.ofEpochMilli(row.getLong("event_time")), row.getString("job_name"),
                        row.getString("event")))
                .list());
    }

    /** The stored events of a job, newest first, at most {@code limit}. */
    public List<StoredEvent> eventsOfJob(String jobName, int limit) {
        return database.call("read the lineage events of job " + jobName, handle -> handle.createQuery(
                        "SELECT run_id, event_type, event_time, job_name, event FROM ns_lineage_events"
                                + " WHERE job_name = :job ORDER BY event_time DESC, id DESC LIMIT :limit")
                .bind("job", jobName)
                .bind("limit", limit)
                .map((row, context) -> new StoredEvent(row.getString("run_id"), row.getString("event_type"),
                        Instant.ofEpochMilli(row.getLong("event_time")), row.getString("job_name"),
                        row.getString("event")))
                .list());
    }
}
