package dev.northstar.govern.classify;

import java.util.regex.Pattern;

/**
 * Diagnosis codes of the ICD-10 (CIM-10 in French): a chapter letter (U is reserved), two digits (the third
 * character may be a letter in a few chapters), and an optional subdivision after a dot: {@code E11.9},
 * {@code J45}, {@code S72.001A}.
 */
final class DiagnosisCodeDetector extends PatternDetector {
    private static final Pattern ICD10 = Pattern.compile("[A-TV-Z][0-9][0-9AB](\\.[0-9A-Z]{1,4})?");

    DiagnosisCodeDetector() {
        super(DataClass.DIAGNOSIS_CODE, NameHints.of("diagnosis", "diagnostic", "diag", "icd", "icd10", "icd_10",
                "cim", "cim10", "cim_10", "pathology", "pathologie", "dx", "condition_code", "diagnosis_code"),
                "the ICD-10 code shape", false);
    }

    @Override
    boolean matches(String value) {
        return ICD10.matcher(value).matches();
    }

    @Override
    String mask(String value) {
        // The chapter letter says the kind of condition, not which: E (endocrine), J (respiratory)...
        return value.charAt(0) + value.substring(1).replaceAll("[0-9A-Z]", "*");
    }
}
