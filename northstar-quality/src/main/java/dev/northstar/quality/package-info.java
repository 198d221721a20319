/**
 * Quality stage of Northstar: dataset checks from ODCS contracts computed in one aggregate query per table
 * ({@link dev.northstar.quality.QualityEngine}, {@link dev.northstar.quality.ContractChecks}), their history
 * ({@link dev.northstar.quality.QualityHistory}), anomaly detection on metric series
 * ({@link dev.northstar.quality.AnomalyDetector}), incidents ({@link dev.northstar.quality.IncidentStore}) and SLOs
 * with error budgets ({@link dev.northstar.quality.SloEvaluator}); {@link dev.northstar.quality.QualityMonitor} ties
 * them together.
 */
package dev.northstar.quality;
