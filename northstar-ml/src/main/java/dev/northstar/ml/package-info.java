/**
 * The model lifecycle: {@code kind: Model} specs ({@link dev.northstar.ml.ModelSpecParser}), training of
 * gradient-boosted trees with XGBoost4J from a lake table or rows already read, with every input pinned to its Iceberg
 * snapshot ({@link dev.northstar.ml.Trainer}), and the registry with four-eyes promotion and model cards
 * ({@link dev.northstar.ml.ModelRegistry}, {@link dev.northstar.ml.ModelCard}).
 */
package dev.northstar.ml;
