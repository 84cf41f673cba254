package org.fieldcast.ptz.boundary;

/**
 * Parses request parameters here rather than through JAX-RS conversion, which answers 404 for a
 * query parameter that is not a number; an operator should get a 400 that names the value.
 */
final class RequestValues {
    private RequestValues() {
    }

    /** A speed in -1..1; absent means 0. */
    static double speed(String name, String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number between -1 and 1, was '" + text + "'");
        }
        if (Double.isNaN(v) || v < -1 || v > 1) {
            throw new IllegalArgumentException(name + " speed must be between -1 and 1, was " + text.trim());
        }
        return v;
    }

    /** A whole number; {@code fallback} when absent. */
    static int integer(String name, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
        }
    }
}
