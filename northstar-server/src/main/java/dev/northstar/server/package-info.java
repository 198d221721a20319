/**
 * The Northstar HTTP server: the JSON API under {@code /api/v1}, its OpenAPI document, Prometheus metrics and the
 * server-rendered console.
 *
 * <p>Public surface: {@link dev.northstar.server.NorthstarServer} and {@link dev.northstar.server.ServerConfig}.
 * Everything else is package-private. Where things are:
 * <ul>
 *   <li>routes of the API, declared once: {@code ApiRoutes} (handlers in {@code SystemEndpoints},
 *       {@code TableEndpoints}, {@code SqlEndpoint}, {@code ProductEndpoints}; bodies in {@code ApiBodies} and
 *       {@code ProductBodies}; the document in {@code OpenApiDocument} with schemas from {@code JsonSchemas});</li>
 *   <li>data products (contracts in force, runs, quarantine, quality, SLOs, incidents, contract lint), read through
 *       the contracts, ingest and quality modules: {@code DataProducts};</li>
 *   <li>authentication: {@code Authentication} with the {@code Access} of each route;</li>
 *   <li>errors: {@code Problem} (the one mapping of failures) and {@code ErrorHandling} (the one place they are
 *       written);</li>
 *   <li>metrics: {@code RequestMetrics};</li>
 *   <li>console: {@code ConsoleRoutes}, {@code ConsoleLayout}, one class per page ({@code ProductsPage},
 *       {@code ProductPage}, {@code ContractLintPage} and {@code QualityOverviewPage} for data products), all markup
 *       through {@code Html}.</li>
 * </ul>
 */
package dev.northstar.server;
