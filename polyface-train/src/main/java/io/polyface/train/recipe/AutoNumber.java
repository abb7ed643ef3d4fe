package io.polyface.train.recipe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A recipe value that is either a number or {@code "auto"}: derived at run time (for example a loss's
 * published scale, the memory planner's Partial FC rate, processors − 1 worker threads). Keeping the word
 * instead of the derived number lets a recipe round-trip exactly.
 *
 * <p>JSON form: the string {@code "auto"} or a number; an integral value is written without a fraction
 * ({@code 64}, not {@code 64.0}), so the text round-trips too.
 *
 * @param value the number, or {@code null} for auto
 */
public record AutoNumber(Double value) {

    /** The derived value. */
    public static final AutoNumber AUTO = new AutoNumber(null);

    /**
     * @param value a finite number
     * @return the fixed value
     * @throws IllegalArgumentException for NaN or an infinity
     */
    public static AutoNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a recipe number must be finite (or \"auto\"), got " + value);
        }
        return new AutoNumber(value);
    }

    /** @return whether the value is derived at run time */
    public boolean isAuto() {
        return value == null;
    }

    /**
     * @param derived the value used for auto
     * @return the value, or {@code derived} when auto
     */
    public double orElse(double derived) {
        return value == null ? derived : value;
    }

    /**
     * @param node {@code "auto"} or a number
     * @return the value
     * @throws IllegalArgumentException for anything else
     */
    @JsonCreator
    static AutoNumber fromJson(JsonNode node) {
        if (node.isTextual() && node.textValue().equals("auto")) {
            return AUTO;
        }
        if (node.isNumber()) {
            return of(node.doubleValue());
        }
        throw new IllegalArgumentException("expected a number or \"auto\", got " + node);
    }

    @JsonValue
    JsonNode toJson() {
        if (value == null) {
            return TextNode.valueOf("auto");
        }
        double v = value;
        return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? LongNode.valueOf((long) v) : DoubleNode.valueOf(v);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
