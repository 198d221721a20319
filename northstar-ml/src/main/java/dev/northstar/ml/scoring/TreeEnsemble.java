package dev.northstar.ml.scoring;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A pure-Java evaluator of an XGBoost JSON model ({@code Booster.toByteArray("json")}, which Python's xgboost loads
 * too): numerical splits ({@code x < split_condition} goes left, a missing value follows the node's default
 * direction), the base score and the logistic objective. It scores one row in microseconds, where a call into the
 * native library costs about a hundred, and computes exact TreeSHAP contributions from the trees' covers — the same
 * algorithm and numbers as XGBoost's {@code predictContrib}.
 *
 * <p>Immutable and thread-safe. Trees are flattened into arrays (one slot per node) for cache-friendly walks.
 */
public final class TreeEnsemble {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deepest tree accepted (XGBoost's depth-wise trees are far shallower; TreeSHAP's tables are sized by it). */
    static final int MAX_DEPTH = 120;

    private final List<String> features;
    private final double baseMargin;
    private final boolean logistic;
    private final Tree[] trees;
    private final int maxDepth;
    private final int maxNodes;
    /** TreeSHAP tabulated per leaf, one per tree; empty when the tables would exceed {@link #TABLE_BUDGET}. */
    private final Optional<LeafTables[]> tables;

    /** One flattened tree; leaves have {@code left == -1} and their value in {@code value}. */
    private record Tree(int[] left, int[] right, int[] feature, float[] threshold, boolean[] defaultLeft,
            double[] value, double[] cover, double[] meanValue, int depth) {}

    private TreeEnsemble(List<String> features, double baseMargin, boolean logistic, Tree[] trees) {
        this.features = List.copyOf(features);
        this.baseMargin = baseMargin;
        this.logistic = logistic;
        this.trees = trees;
        this.maxDepth = Arrays.stream(trees).mapToInt(Tree::depth).max().orElse(0);
        this.maxNodes = Arrays.stream(trees).mapToInt(tree -> tree.left().length).max().orElse(0);
        this.tables = tabulate(trees);
    }

    /**
     * Reads a model saved by XGBoost in JSON.
     *
     * @param features names of the model's inputs, in order (the JSON may not carry them)
     * @throws NorthstarException {@code INVALID_DATA} for JSON that is not a gbtree model of a supported objective
     *     ({@code binary:logistic}, {@code reg:logistic}, {@code reg:squarederror}, {@code binary:logitraw}) or has
     *     categorical splits
     */
    public static TreeEnsemble parse(byte[] json, List<String> features) {
        requireNonNull(json, "json is null");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("it is not JSON: " + e.getMessage());
        }
        JsonNode learner = root.path("learner");
        String booster = learner.path("gradient_booster").path("name").asText("");
        if (!booster.equals("gbtree")) {
            throw invalid("its booster is '" + booster + "', not gbtree");
        }
        String objective = learner.path("objective").path("name").asText("");
        boolean logistic = switch (objective) {
            case "binary:logistic", "reg:logistic" -> true;
            case "reg:squarederror", "binary:logitraw" -> false;
            default -> throw invalid("its objective '" + objective + "' is not supported");
        };
        JsonNode parameters = learner.path("learner_model_param");
        int featureCount = parameters.path("num_feature").asInt(-1);
        if (featureCount != features.size()) {
            throw invalid("it reads " + featureCount + " features, but " + features.size() + " were named");
        }
        if (parameters.path("num_class").asInt(0) > 1 || parameters.path("num_target").asInt(1) > 1) {
            throw invalid("it has several outputs (classes or targets)");
        }
        double baseScore = Double.parseDouble(parameters.path("base_score").asText("0.5").replace("[", "")
                .replace("]", ""));
        // XGBoost keeps the base score in the output space and converts it to a margin once, in single precision.
        double baseMargin = logistic ? (float) -Math.log(1.0 / baseScore - 1.0) : baseScore;
        JsonNode treeNodes = learner.path("gradient_booster").path("model").path("trees");
        Tree[] trees = new Tree[treeNodes.size()];
        for (int i = 0; i < trees.length; i++) {
            trees[i] = tree(treeNodes.get(i), i, featureCount);
        }
        return new TreeEnsemble(features, baseMargin, logistic, trees);
    }

    private static Tree tree(JsonNode node, int index, int featureCount) {
        int[] left = ints(node.path("left_children"));
        int[] right = ints(node.path("right_children"));
        int[] feature = ints(node.path("split_indices"));
        int[] splitType = ints(node.path("split_type"));
        int[] defaults = ints(node.path("default_left"));
        JsonNode conditions = node.path("split_conditions");
        JsonNode hessians = node.path("sum_hessian");
        int size = left.length;
        if (size == 0 || right.length != size || feature.length != size || defaults.length != size
                || conditions.size() != size || hessians.size() != size) {
            throw invalid("tree " + index + " has inconsistent node arrays");
        }
        float[] threshold = new float[size];
        double[] value = new double[size];
        double[] cover = new double[size];
        boolean[] defaultLeft = new boolean[size];
        for (int n = 0; n < size; n++) {
            threshold[n] = (float) conditions.get(n).asDouble();
            value[n] = threshold[n];
            cover[n] = (float) hessians.get(n).asDouble();
            defaultLeft[n] = defaults[n] != 0;
            if (left[n] != -1) {
                if (splitType.length == size && splitType[n] != 0) {
                    throw invalid("tree " + index + " has a categorical split; only numerical features are supported");
                }
                if (feature[n] < 0 || feature[n] >= featureCount || left[n] >= size || right[n] >= size
                        || right[n] < 0) {
                    throw invalid("tree " + index + " node " + n + " points outside the tree or the features");
                }
            }
        }
        double[] meanValue = new double[size];
        int depth = fillMeans(0, left, right, value, cover, meanValue);
        if (depth > MAX_DEPTH) {
            throw invalid("tree " + index + " is " + depth + " levels deep; at most " + MAX_DEPTH + " are supported");
        }
        return new Tree(left, right, feature, threshold, defaultLeft, value, cover, meanValue, depth);
    }

    /** Fills the cover-weighted mean leaf value below each node (the tree's expected value) and returns the depth. */
    private static int fillMeans(int node, int[] left, int[] right, double[] value, double[] cover,
            double[] meanValue) {
        if (left[node] == -1) {
            meanValue[node] = value[node];
            return 0;
        }
        int depth = 1 + Math.max(fillMeans(left[node], left, right, value, cover, meanValue),
                fillMeans(right[node], left, right, value, cover, meanValue));
        meanValue[node] = (meanValue[left[node]] * cover[left[node]] + meanValue[right[node]] * cover[right[node]])
                / cover[node];
        return depth;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static NorthstarException invalid(String reason) {
        return new NorthstarException(ErrorCode.INVALID_DATA, "Cannot read the XGBoost model: " + reason,
                "Save the model with Booster.toByteArray(\"json\") (or save_model('m.json') in Python) from a"
                        + " gbtree binary classifier on numerical features");
    }

    /** Feature names, in the order rows carry them. */
    public List<String> features() {
        return features;
    }

    public int treeCount() {
        return trees.length;
    }

    /** The raw score (log-odds for a logistic model) of one row; NaN is a missing value. */
    public double margin(float[] row) {
        checkWidth(row);
        double sum = 0;
        for (Tree tree : trees) {
            sum += tree.value[leaf(tree, row)];
        }
        return baseMargin + sum;
    }

    /** The prediction of one row: a probability for a logistic model. */
    public double score(float[] row) {
        double margin = margin(row);
        return logistic ? 1.0 / (1.0 + Math.exp(-margin)) : margin;
    }

    /** Scores the rows of a row-major matrix. */
    public double[] scores(float[] matrix, int rows) {
        int width = features.size();
        if (matrix.length != rows * width) {
            throw new IllegalArgumentException("matrix holds " + matrix.length + " values, not " + rows + " x " + width);
        }
        double[] scores = new double[rows];
        float[] row = new float[width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(matrix, r * width, row, 0, width);
            scores[r] = score(row);
        }
        return scores;
    }

    private static int leaf(Tree tree, float[] row) {
        int node = 0;
        int[] left = tree.left;
        while (left[node] != -1) {
            float value = row[tree.feature[node]];
            if (Float.isNaN(value)) {
                node = tree.defaultLeft[node] ? left[node] : tree.right[node];
            } else {
                node = value < tree.threshold[node] ? left[node] : tree.right[node];
            }
        }
        return node;
    }

    private void checkWidth(float[] row) {
        if (row.length != features.size()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The model reads " + features.size()
                    + " features " + features + ", the row has " + row.length + " values",
                    "Pass the features in the model's order");
        }
    }

    /**
     * Exact SHAP values (TreeSHAP) of one row in margin space: one contribution per feature, then the expected value
     * (bias) last. They add up to {@link #margin}.
     */
    public double[] contributions(float[] row) {
        checkWidth(row);
        if (tables.isEmpty()) {
            return recursiveContributions(row);
        }
        int width = features.size();
        double[] phi = new double[width + 1];
        phi[width] = baseMargin;
        LeafTables[] perTree = tables.get();
        int[] right = new int[maxNodes];
        for (int t = 0; t < trees.length; t++) {
            phi[width] += trees[t].meanValue[0];
            perTree[t].add(trees[t], row, phi, right);
        }
        return phi;
    }

    /** Whether {@link #contributions} reads tabulated leaves (false: the tables would be too large). */
    boolean tabulated() {
        return tables.isPresent();
    }

    /** {@link #contributions} by the recursive algorithm, for every model (and to check the tables against). */
    double[] recursiveContributions(float[] row) {
        checkWidth(row);
        int width = features.size();
        double[] phi = new double[width + 1];
        phi[width] = baseMargin;
        int capacity = (maxDepth + 3) * (maxDepth + 4) / 2;
        Path path = new Path(capacity);
        for (Tree tree : trees) {
            phi[width] += tree.meanValue[0];
            shap(tree, row, phi, 0, 0, 0, 1, 1, -1, path);
        }
        return phi;
    }

    /**
     * The {@code top} features that moved this row's score most (by absolute contribution), largest first, with the
     * row's value and the contribution in log-odds.
     */
    public Explanation explain(float[] row, int top) {
        return explanation(row, contributions(row), top);
    }

    /** {@link #explain} through {@link #recursiveContributions}: the peer of the tables in the scorer benchmark. */
    Explanation recursiveExplain(float[] row, int top) {
        return explanation(row, recursiveContributions(row), top);
    }

    private Explanation explanation(float[] row, double[] phi, int top) {
        int width = features.size();
        List<Reason> reasons = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            reasons.add(new Reason(features.get(i), row[i], phi[i]));
        }
        reasons.sort(Comparator.comparingDouble((Reason reason) -> -Math.abs(reason.contribution()))
                .thenComparing(Reason::feature));
        double margin = 0;
        for (double value : phi) {
            margin += value;
        }
        double score = logistic ? 1.0 / (1.0 + Math.exp(-margin)) : margin;
        return new Explanation(score, phi[width], reasons.subList(0, Math.min(top, width)));
    }

    /** The unique path of TreeSHAP: segments of parallel arrays, one segment per recursion level. */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;

        Path(int capacity) {
            feature = new int[capacity];
            zero = new double[capacity];
            one = new double[capacity];
            weight = new double[capacity];
        }

        void copy(int from, int to, int length) {
            // A plain loop: segments hold a handful of elements, where System.arraycopy's call costs more than it saves.
            for (int i = 0; i < length; i++) {
                feature[to + i] = feature[from + i];
                zero[to + i] = zero[from + i];
                one[to + i] = one[from + i];
                weight[to + i] = weight[from + i];
            }
        }
    }

    // TreeSHAP (Lundberg, Erion and Lee 2018, algorithm 2), as XGBoost computes it. The path of the current level
    // starts at `start`; `depth` is its last index relative to `start`.
    private static void shap(Tree tree, float[] row, double[] phi, int node, int parentStart, int depth,
            double parentZero, double parentOne, int parentFeature, Path path) {
        int start = parentStart + depth + 1;
        path.copy(parentStart, start, depth + 1);
        extend(path, start, depth, parentZero, parentOne, parentFeature);
        if (tree.left[node] == -1) {
            for (int i = 1; i <= depth; i++) {
                double weight = unwoundSum(path, start, depth, i);
                int at = start + i;
                phi[path.feature[at]] += weight * (path.one[at] - path.zero[at]) * tree.value[node];
            }
            return;
        }
        int split = tree.feature[node];
        float value = row[split];
        int hot;
        if (Float.isNaN(value)) {
            hot = tree.defaultLeft[node] ? tree.left[node] : tree.right[node];
        } else {
            hot = value < tree.threshold[node] ? tree.left[node] : tree.right[node];
        }
        int cold = hot == tree.left[node] ? tree.right[node] : tree.left[node];
        double cover = tree.cover[node];
        double hotZero = tree.cover[hot] / cover;
        double coldZero = tree.cover[cold] / cover;
        double incomingZero = 1;
        double incomingOne = 1;
        int index = 0;
        while (index <= depth && path.feature[start + index] != split) {
            index++;
        }
        if (index <= depth) {
            incomingZero = path.zero[start + index];
            incomingOne = path.one[start + index];
            unwind(path, start, depth, index);
            depth -= 1;
        }
        shap(tree, row, phi, hot, start, depth + 1, hotZero * incomingZero, incomingOne, split, path);
        shap(tree, row, phi, cold, start, depth + 1, coldZero * incomingZero, 0, split, path);
    }

    /**
     * Most coefficients the tables of one model may hold (32 MiB of doubles); a model needing more is explained by the
     * recursive algorithm.
     */
    static final long TABLE_BUDGET = 1L << 22;
    /** Most distinct features on one root-to-leaf path for which a leaf's table (2^d rows) is built. */
    static final int MAX_TABULATED_FEATURES = 12;

    /**
     * TreeSHAP tabulated per leaf. For one row, what a leaf contributes to each feature on its path depends only on the
     * path's cover fractions (fixed by the tree) and on which of the path's features the row agrees with (0 or 1 for
     * each distinct feature): the tree's path-dependent weights are therefore computed once per leaf for each of the
     * 2^d agreement patterns, and explaining a row reads one row of each leaf's table — O(leaves × depth) per tree
     * instead of O(leaves × depth²), with the same values up to rounding (the idea of Fast TreeSHAP v2, Yang 2021).
     *
     * <p>Leaf {@code l}'s path nodes are {@code pathNode[pathStart[l] .. pathStart[l + 1])}, each with the direction the
     * path takes ({@code pathRight}: 1 to the right) and the index of its feature among the leaf's distinct features
     * ({@code pathEntry}); the distinct features are {@code entryFeature[entryStart[l] .. entryStart[l + 1])}; the
     * coefficient of distinct feature {@code k} under agreement pattern {@code m} is
     * {@code coefficient[coefficientStart[l] + m * d + k]}.
     */
    private record LeafTables(int[] pathStart, int[] pathNode, int[] pathRight, int[] pathEntry,
            int[] entryStart, int[] entryFeature, int[] coefficientStart, double[] coefficient) {
        /**
         * Adds the row's contributions through this tree to {@code phi}; {@code right} is scratch space of at least
         * the tree's node count.
         */
        void add(Tree tree, float[] row, double[] phi, int[] right) {
            // Where the row goes at each split, once per node and without branches: 1 when it goes right.
            int[] left = tree.left;
            for (int node = 0; node < left.length; node++) {
                if (left[node] != -1) {
                    float value = row[tree.feature[node]];
                    boolean goesLeft = value < tree.threshold[node] | (value != value & tree.defaultLeft[node]);
                    right[node] = goesLeft ? 0 : 1;
                }
            }
            int leaves = pathStart.length - 1;
            for (int leaf = 0; leaf < leaves; leaf++) {
                int first = entryStart[leaf];
                int distinct = entryStart[leaf + 1] - first;
                if (distinct == 0) {
                    continue;
                }
                int agreement = (1 << distinct) - 1;
                for (int p = pathStart[leaf]; p < pathStart[leaf + 1]; p++) {
                    agreement &= ~((right[pathNode[p]] ^ pathRight[p]) << pathEntry[p]);
                }
                int base = coefficientStart[leaf] + agreement * distinct;
                for (int k = 0; k < distinct; k++) {
                    phi[entryFeature[first + k]] += coefficient[base + k];
                }
            }
        }
    }

    /** One distinct feature of a path: its cover fraction so far and the (node, direction) steps that test it. */
    private record PathEntry(int feature, double zero, List<int[]> steps) {}

    private static Optional<LeafTables[]> tabulate(Tree[] trees) {
        long size = 0;
        for (Tree tree : trees) {
            if (tree.depth() > MAX_TABULATED_FEATURES) {
                return Optional.empty();
            }
            size += tableSize(tree, 0, 0);
            if (size > TABLE_BUDGET) {
                return Optional.empty();
            }
        }
        LeafTables[] tables = new LeafTables[trees.length];
        for (int t = 0; t < trees.length; t++) {
            tables[t] = tabulate(trees[t]);
        }
        return Optional.of(tables);
    }

    /** An upper bound of the coefficients below {@code node} (a path of d splits has at most d distinct features). */
    private static long tableSize(Tree tree, int node, int depth) {
        if (tree.left[node] == -1) {
            return (1L << depth) * depth;
        }
        return tableSize(tree, tree.left[node], depth + 1) + tableSize(tree, tree.right[node], depth + 1);
    }

    private static LeafTables tabulate(Tree tree) {
        List<List<PathEntry>> leafPaths = new ArrayList<>();
        List<Integer> leafNodes = new ArrayList<>();
        collect(tree, 0, List.of(), leafPaths, leafNodes);
        int leaves = leafNodes.size();
        int[] pathStart = new int[leaves + 1];
        int[] entryStart = new int[leaves + 1];
        int[] coefficientStart = new int[leaves + 1];
        for (int leaf = 0; leaf < leaves; leaf++) {
            List<PathEntry> entries = leafPaths.get(leaf);
            int steps = entries.stream().mapToInt(entry -> entry.steps().size()).sum();
            pathStart[leaf + 1] = pathStart[leaf] + steps;
            entryStart[leaf + 1] = entryStart[leaf] + entries.size();
            coefficientStart[leaf + 1] = coefficientStart[leaf] + (1 << entries.size()) * entries.size();
        }
        int[] pathNode = new int[pathStart[leaves]];
        int[] pathRight = new int[pathStart[leaves]];
        int[] pathEntry = new int[pathStart[leaves]];
        int[] entryFeature = new int[entryStart[leaves]];
        double[] coefficient = new double[coefficientStart[leaves]];
        for (int leaf = 0; leaf < leaves; leaf++) {
            List<PathEntry> entries = leafPaths.get(leaf);
            int distinct = entries.size();
            int p = pathStart[leaf];
            for (int k = 0; k < distinct; k++) {
                PathEntry entry = entries.get(k);
                entryFeature[entryStart[leaf] + k] = entry.feature();
                for (int[] step : entry.steps()) {
                    pathNode[p] = step[0];
                    pathRight[p] = step[1] == 1 ? 0 : 1;
                    pathEntry[p] = k;
                    p++;
                }
            }
            double value = tree.value[leafNodes.get(leaf)];
            Path path = new Path(distinct + 1);
            for (int agreement = 0; agreement < (1 << distinct); agreement++) {
                extend(path, 0, 0, 1, 1, -1);
                for (int k = 0; k < distinct; k++) {
                    extend(path, 0, k + 1, entries.get(k).zero(), (agreement >> k) & 1, entries.get(k).feature());
                }
                int base = coefficientStart[leaf] + agreement * distinct;
                for (int k = 0; k < distinct; k++) {
                    double weight = unwoundSum(path, 0, distinct, k + 1);
                    coefficient[base + k] = weight * (path.one[k + 1] - path.zero[k + 1]) * value;
                }
            }
        }
        return new LeafTables(pathStart, pathNode, pathRight, pathEntry, entryStart, entryFeature, coefficientStart,
                coefficient);
    }

    /**
     * Walks to every leaf keeping the path's distinct features as the recursive algorithm does: a feature tested
     * again is taken out of the path and put back at its end with the product of its cover fractions.
     */
    private static void collect(Tree tree, int node, List<PathEntry> path, List<List<PathEntry>> leafPaths,
            List<Integer> leafNodes) {
        if (tree.left[node] == -1) {
            leafPaths.add(path);
            leafNodes.add(node);
            return;
        }
        int split = tree.feature[node];
        for (int child : new int[] {tree.left[node], tree.right[node]}) {
            double fraction = tree.cover[child] / tree.cover[node];
            int[] step = {node, child == tree.left[node] ? 1 : 0};
            List<PathEntry> next = new ArrayList<>(path.size() + 1);
            PathEntry merged = new PathEntry(split, fraction, List.<int[]>of(step));
            for (PathEntry entry : path) {
                if (entry.feature() == split) {
                    List<int[]> steps = new ArrayList<>(entry.steps());
                    steps.add(step);
                    merged = new PathEntry(split, entry.zero() * fraction, steps);
                } else {
                    next.add(entry);
                }
            }
            next.add(merged);
            collect(tree, child, next, leafPaths, leafNodes);
        }
    }

    /** Reciprocals 1/k: TreeSHAP's weights divide by small integers, and multiplying is much cheaper. */
    private static final double[] INVERSE = java.util.stream.IntStream.range(0, 130)
            .mapToDouble(k -> k == 0 ? Double.NaN : 1.0 / k).toArray();

    private static void extend(Path path, int start, int depth, double zero, double one, int feature) {
        int at = start + depth;
        double[] weight = path.weight;
        path.feature[at] = feature;
        path.zero[at] = zero;
        path.one[at] = one;
        weight[at] = depth == 0 ? 1 : 0;
        double scale = INVERSE[depth + 1];
        for (int i = depth - 1; i >= 0; i--) {
            weight[start + i + 1] += one * weight[start + i] * (i + 1) * scale;
            weight[start + i] = zero * weight[start + i] * (depth - i) * scale;
        }
    }

    private static void unwind(Path path, int start, int depth, int index) {
        double one = path.one[start + index];
        double zero = path.zero[start + index];
        double[] weight = path.weight;
        double next = weight[start + depth];
        double scale = INVERSE[depth + 1];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double saved = weight[start + i];
                weight[start + i] = next * (depth + 1) * INVERSE[i + 1] / one;
                next = saved - weight[start + i] * zero * (depth - i) * scale;
            } else {
                weight[start + i] = weight[start + i] * (depth + 1) * INVERSE[depth - i] / zero;
            }
        }
        for (int i = index; i < depth; i++) {
            path.feature[start + i] = path.feature[start + i + 1];
            path.zero[start + i] = path.zero[start + i + 1];
            path.one[start + i] = path.one[start + i + 1];
        }
    }

    private static double unwoundSum(Path path, int start, int depth, int index) {
        double one = path.one[start + index];
        double zero = path.zero[start + index];
        double[] weight = path.weight;
        double next = weight[start + depth];
        double total = 0;
        double scale = INVERSE[depth + 1];
        if (one != 0) {
            double up = (depth + 1) / one;
            for (int i = depth - 1; i >= 0; i--) {
                double part = next * up * INVERSE[i + 1];
                total += part;
                next = weight[start + i] - part * zero * (depth - i) * scale;
            }
        } else if (zero != 0) {
            double up = (depth + 1) / zero;
            for (int i = depth - 1; i >= 0; i--) {
                total += weight[start + i] * up * INVERSE[depth - i];
            }
        }
        return total;
    }
}
