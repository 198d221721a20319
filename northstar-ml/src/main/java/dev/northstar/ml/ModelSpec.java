package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@code kind: Model} document: what to train, from which table, how to split it by time, with which parameters,
 * and the gates a version must pass before it may become champion (format in {@code docs/guides/models.md}).
 *
 * @param name model name, lower-case letters, digits and dashes
 * @param description what the model is for (the model card's purpose)
 * @param task the learning task; only binary classification today
 * @param training the training table, its columns and the time-based split
 * @param params gradient-boosting parameters, defaulted
 * @param protectedAttributes columns whose groups the fairness report compares (never used as features)
 * @param gates thresholds every version must meet to be promoted to champion
 * @param costs costs of a false positive and a false negative, which choose the decision threshold
 * @param limitations known limitations, for the model card
 * @param yaml the document's text, stored with every version so that it can be retrained
 */
public record ModelSpec(String name, String description, Task task, Training training, Params params,
        List<String> protectedAttributes, Gates gates, Costs costs, List<String> limitations, String yaml) {
    public ModelSpec {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(task, "task is null");
        requireNonNull(training, "training is null");
        requireNonNull(params, "params is null");
        protectedAttributes = List.copyOf(protectedAttributes);
        requireNonNull(gates, "gates is null");
        requireNonNull(costs, "costs is null");
        limitations = List.copyOf(limitations);
        requireNonNull(yaml, "yaml is null");
    }

    /** The learning task. */
    public enum Task {
        BINARY_CLASSIFICATION
    }

    /**
     * Where the training rows come from.
     *
     * @param table the training table {@code domain.table}
     * @param features feature columns, in the order the model reads them
     * @param label the label column: boolean, or a number 0/1
     * @param timestamp the event-time column the split orders rows by
     * @param split how rows are divided into training and validation
     */
    public record Training(TableId table, List<String> features, String label, String timestamp, Split split) {
        public Training {
            requireNonNull(table, "table is null");
            features = List.copyOf(features);
            requireNonNull(label, "label is null");
            requireNonNull(timestamp, "timestamp is null");
            requireNonNull(split, "split is null");
        }
    }

    /**
     * A time-based split: rows strictly before {@code validateAfter} train and the others validate, or the latest
     * {@code validationFraction} of rows by time validate. Exactly one is set.
     */
    public record Split(Optional<Instant> validateAfter, OptionalDouble validationFraction) {
        public Split {
            requireNonNull(validateAfter, "validateAfter is null");
            requireNonNull(validationFraction, "validationFraction is null");
            if (validateAfter.isPresent() == validationFraction.isPresent()) {
                throw new IllegalArgumentException("exactly one of validateAfter and validationFraction is set");
            }
        }

        public static Split after(Instant instant) {
            return new Split(Optional.of(instant), OptionalDouble.empty());
        }

        public static Split latestFraction(double fraction) {
            return new Split(Optional.empty(), OptionalDouble.of(fraction));
        }
    }

    /**
     * XGBoost parameters.
     *
     * @param treeMethod {@code hist} (default), {@code approx} or {@code exact}
     * @param maxDepth maximum tree depth (6)
     * @param eta learning rate (0.3)
     * @param rounds boosting rounds (100)
     * @param seed random seed (42)
     * @param minChildWeight minimum hessian in a leaf (1)
     * @param subsample row sampling per tree (1)
     * @param colsampleByTree column sampling per tree (1)
     * @param lambda L2 regularisation of leaf weights (1)
     * @param threads training threads (2); a fixed count keeps retraining identical across machines
     */
    public record Params(String treeMethod, int maxDepth, double eta, int rounds, long seed, double minChildWeight,
            double subsample, double colsampleByTree, double lambda, int threads) {
        public static Params defaults() {
            return new Params("hist", 6, 0.3, 100, 42, 1, 1, 1, 1, 2);
        }
    }

    /**
     * Promotion gates; an empty gate is not checked.
     *
     * @param rocAucMin minimum validation ROC-AUC
     * @param disparateImpactMin minimum ratio of the lowest to the highest group selection rate (e.g. 0.8)
     * @param demographicParityDifferenceMax maximum difference of group selection rates (e.g. 0.1)
     * @param equalOpportunityDifferenceMax maximum difference of group true-positive rates
     */
    public record Gates(OptionalDouble rocAucMin, OptionalDouble disparateImpactMin,
            OptionalDouble demographicParityDifferenceMax, OptionalDouble equalOpportunityDifferenceMax) {
        public Gates {
            requireNonNull(rocAucMin, "rocAucMin is null");
            requireNonNull(disparateImpactMin, "disparateImpactMin is null");
            requireNonNull(demographicParityDifferenceMax, "demographicParityDifferenceMax is null");
            requireNonNull(equalOpportunityDifferenceMax, "equalOpportunityDifferenceMax is null");
        }

        public static Gates none() {
            return new Gates(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty());
        }
    }

    /** Costs of a false positive and of a false negative (both 1 by default), in any one unit. */
    public record Costs(double falsePositive, double falseNegative) {
        public Costs {
            if (!(falsePositive >= 0) || !(falseNegative >= 0)) {
                throw new IllegalArgumentException("costs must be non-negative numbers");
            }
        }

        public static Costs equal() {
            return new Costs(1, 1);
        }
    }
}
