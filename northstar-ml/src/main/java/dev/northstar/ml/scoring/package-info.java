/**
 * Serving-side model code without native calls: the pure-Java evaluator of XGBoost JSON models with exact TreeSHAP
 * explanations ({@link dev.northstar.ml.scoring.TreeEnsemble}) and its latency benchmark.
 */
package dev.northstar.ml.scoring;
