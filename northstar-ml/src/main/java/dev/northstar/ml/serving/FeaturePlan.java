package dev.northstar.ml.serving;

import dev.northstar.features.FeatureValues;
import dev.northstar.features.FeatureView;
import dev.northstar.features.OnlineFeatures;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each input of a model version comes from: a registered feature view producing a feature of that name (read
 * from the online store for the view's entity keys), else the request's fields.
 */
final class FeaturePlan {
    /** One view read for a request: its entity columns and the model inputs it fills. */
    private record Lookup(String view, List<String> entities, int[] inputs, String[] names) {}

    private final String model;
    private final List<String> features;
    private final List<Lookup> lookups;
    /** Inputs taken from the request's fields, by name. */
    private final Map<String, Integer> fields;

    private FeaturePlan(String model, List<String> features, List<Lookup> lookups, Map<String, Integer> fields) {
        this.model = model;
        this.features = features;
        this.lookups = lookups;
        this.fields = fields;
    }

    /** Plans a version's inputs against the views registered now (the first view by name wins a shared name). */
    static FeaturePlan of(String model, List<String> features, Optional<OnlineFeatures> online) {
        List<FeatureView> views = online.map(OnlineFeatures::views).orElse(List.of());
        Map<String, List<Integer>> inputsByView = new LinkedHashMap<>();
        Map<String, Integer> fields = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            String feature = features.get(i);
            Optional<FeatureView> producer = views.stream()
                    .filter(view -> view.featureNames().contains(feature)).findFirst();
            if (producer.isPresent()) {
                inputsByView.computeIfAbsent(producer.get().name(), name -> new ArrayList<>()).add(i);
            } else {
                fields.put(feature, i);
            }
        }
        List<Lookup> lookups = new ArrayList<>();
        for (FeatureView view : views) {
            List<Integer> inputs = inputsByView.get(view.name());
            if (inputs != null) {
                lookups.add(new Lookup(view.name(), view.entities(),
                        inputs.stream().mapToInt(Integer::intValue).toArray(),
                        inputs.stream().map(features::get).toArray(String[]::new)));
            }
        }
        return new FeaturePlan(model, List.copyOf(features), List.copyOf(lookups), Map.copyOf(fields));
    }

    List<String> features() {
        return features;
    }

    /** The names this plan takes from the request's fields. */
    Set<String> fieldNames() {
        return fields.keySet();
    }

    /** The views this plan reads. */
    List<String> views() {
        return lookups.stream().map(Lookup::view).toList();
    }

    /**
     * The input row of a request as of a time.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} naming a missing entity key or a field that is not a number
     */
    float[] row(ScoreRequest request, Optional<OnlineFeatures> online, Instant at) {
        float[] row = new float[features.size()];
        Arrays.fill(row, Float.NaN);
        for (Map.Entry<String, Integer> field : fields.entrySet()) {
            row[field.getValue()] = number(request.fields().get(field.getKey()), field.getKey());
        }
        if (lookups.isEmpty()) {
            return row;
        }
        OnlineFeatures store = online.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "Model " + model + " reads feature views but this scoring service has no online store",
                "Start the scoring service with the feature store's online features"));
        for (Lookup lookup : lookups) {
            List<Object> key = new ArrayList<>(lookup.entities().size());
            for (String column : lookup.entities()) {
                Object value = request.entities().get(column);
                if (value == null) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Model " + model + " reads feature"
                            + " view " + lookup.view() + ", keyed by " + lookup.entities() + ", but the request's"
                            + " entities have no '" + column + "'", "Send \"entities\": {\"" + column
                            + "\": <key>}");
                }
                key.add(value);
            }
            FeatureValues values = store.get(lookup.view(), key, at);
            for (int j = 0; j < lookup.inputs().length; j++) {
                row[lookup.inputs()[j]] = online(values.value(lookup.names()[j]));
            }
        }
        return row;
    }

    private float number(Object value, String field) {
        if (value == null) {
            return Float.NaN;
        }
        if (value instanceof Number number) {
            return number.floatValue();
        }
        if (value instanceof Boolean flag) {
            return flag ? 1f : 0f;
        }
        if (value instanceof String text) {
            try {
                return Float.parseFloat(text.trim());
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Field '" + field + "' of model " + model
                + " must be a number or a boolean, not '" + value + "'", "Send e.g. \"" + field + "\": 12.5, or null"
                + " when it is unknown");
    }

    private static float online(Object value) {
        if (value instanceof Number number) {
            return number.floatValue();
        }
        if (value instanceof Boolean flag) {
            return flag ? 1f : 0f;
        }
        return Float.NaN;
    }
}
