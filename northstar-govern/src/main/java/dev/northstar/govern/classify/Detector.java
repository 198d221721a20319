package dev.northstar.govern.classify;

import java.util.List;
import java.util.Optional;

/** Finds one class of personal or health data in a column, from its name and a sample of its values. */
public interface Detector {
    /** The class this detector finds. */
    DataClass dataClass();

    /**
     * Examines a column.
     *
     * @param columnName the column name as stored
     * @param values sampled non-null values as text, trimmed, none empty
     * @return the suggestion, with confidence and masked evidence, or empty when neither name nor values point to
     *     the class
     */
    Optional<Detection> detect(String columnName, List<String> values);
}
