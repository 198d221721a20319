/**
 * Measurements of a model: evaluation (ROC-AUC, PR-AUC, calibration, cost-based threshold), group fairness, and drift
 * (PSI and Kolmogorov-Smirnov against training references).
 */
package dev.northstar.ml.metrics;
