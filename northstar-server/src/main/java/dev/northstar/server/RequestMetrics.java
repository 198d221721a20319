package dev.northstar.server;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The server's Prometheus registry: JVM and process meters, a timer of every HTTP request by method, route template
 * and status, and whatever other modules register through {@link NorthstarServer#meterRegistry()}.
 */
final class RequestMetrics implements AutoCloseable {
    /** Media type of the Prometheus text exposition format. */
    static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Route tag of requests no route matched, so unknown paths cannot blow up the number of series. */
    static final String UNMATCHED = "unmatched";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    RequestMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Records one finished request (Javalin's request logger calls this after the response). */
    void record(Context ctx, float millis) {
        Timer.builder("http.server.requests")
                .description("HTTP requests served")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** The matched route template ({@code /api/v1/tables/{domain}/{table}}), never the raw path. */
    static String route(Context ctx) {
        String template;
        try {
            template = ctx.endpointHandlerPath();
        } catch (IllegalStateException noEndpoint) {
            // Javalin has no endpoint path for requests no route matched (unknown paths, static files).
            template = "";
        }
        if (template == null || template.isEmpty() || "*".equals(template)) {
            return ctx.path().startsWith("/webjars/") || ctx.path().startsWith("/static/") ? "static" : UNMATCHED;
        }
        return template;
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
