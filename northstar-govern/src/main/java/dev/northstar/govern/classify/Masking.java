package dev.northstar.govern.classify;

/** Masks values before they go into evidence: only a few characters that cannot identify anyone stay visible. */
final class Masking {
    private Masking() {}

    /**
     * Keeps the first {@code keepStart} and last {@code keepEnd} letters or digits, masks the others with {@code *}
     * and keeps separators (spaces, dots, dashes...), so the shape stays readable: {@code FR76 **** **** 1234}.
     */
    static String keepEnds(String value, int keepStart, int keepEnd) {
        int alphanumerics = (int) value.chars().filter(Character::isLetterOrDigit).count();
        // A short value would otherwise show most of itself.
        int visibleEnd = alphanumerics - keepStart - keepEnd < 4 ? 0 : keepEnd;
        int visibleStart = Math.min(keepStart, Math.max(0, alphanumerics - 4));
        StringBuilder masked = new StringBuilder(value.length());
        int index = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                boolean visible = index < visibleStart || index >= alphanumerics - visibleEnd;
                masked.append(visible ? c : '*');
                index++;
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    /** Each word as its first letter and {@code ***}: {@code Marie Dupont} → {@code M*** D***}. */
    static String initials(String value) {
        StringBuilder masked = new StringBuilder();
        for (String word : value.trim().split("\\s+")) {
            if (!masked.isEmpty()) {
                masked.append(' ');
            }
            masked.append(word.isEmpty() ? "" : word.substring(0, 1)).append("***");
        }
        return masked.toString();
    }

    /** {@code jane.doe@example.com} → {@code j***@e***.com}. */
    static String email(String value) {
        int at = value.lastIndexOf('@');
        int dot = value.lastIndexOf('.');
        if (at <= 0 || dot < at + 2) {
            return keepEnds(value, 1, 0);
        }
        return value.charAt(0) + "***@" + value.charAt(at + 1) + "***" + value.substring(dot);
    }
}
