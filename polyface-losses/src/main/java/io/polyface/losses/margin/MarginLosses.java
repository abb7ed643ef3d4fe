package io.polyface.losses.margin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Creates margin losses by their field names, with options given as strings (for the CLI and the
 * trainer's configuration).
 *
 * <table>
 *   <caption>Names and options (every loss also takes {@code scale} and {@code label-smoothing})</caption>
 *   <tr><th>name</th><th>loss</th><th>options</th></tr>
 *   <tr><td>{@code arcnegface}</td><td>{@link ArcNegFaceLoss}</td><td>{@code margin, alpha, sigma}</td></tr>
 *   <tr><td>{@code arcface}</td><td>{@link ArcFaceLoss}</td><td>{@code margin, easy-margin}</td></tr>
 *   <tr><td>{@code cosface}</td><td>{@link CosFaceLoss}</td><td>{@code margin}</td></tr>
 *   <tr><td>{@code sphereface}</td><td>{@link SphereFaceLoss}</td>
 *       <td>{@code margin} (integer), {@code lambda-base, lambda-gamma, lambda-power, lambda-min}</td></tr>
 *   <tr><td>{@code combined}</td><td>{@link CombinedMarginLoss}</td><td>{@code m1, m2, m3}</td></tr>
 *   <tr><td>{@code curricularface}</td><td>{@link CurricularFaceLoss}</td><td>{@code margin, momentum}</td></tr>
 *   <tr><td>{@code mv-softmax}</td><td>{@link MvSoftmaxLoss}</td><td>{@code variant} ({@code am|arc}), {@code margin, t}</td></tr>
 *   <tr><td>{@code normface}, {@code softmax}</td><td>{@link NormFaceLoss}</td><td>none</td></tr>
 *   <tr><td>{@code adaface}</td><td>{@link AdaFaceLoss}</td><td>{@code margin, h, momentum}</td></tr>
 * </table>
 *
 * <p>Names and option keys are case-insensitive. An option left out keeps the paper's default.
 */
public final class MarginLosses {

    /** The accepted loss names, in documentation order. */
    public static final List<String> NAMES = List.of(
            "arcnegface", "arcface", "cosface", "sphereface", "combined",
            "curricularface", "mv-softmax", "normface", "softmax", "adaface");

    private static final Map<String, Function<Options, MarginLoss>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("arcnegface", o -> common(o, ArcNegFaceLoss.builder())
                .optMargin(o.number("margin", 0.5))
                .optAlpha(o.number("alpha", 1.2))
                .optSigma(o.number("sigma", 2))
                .build());
        FACTORIES.put("arcface", o -> common(o, ArcFaceLoss.builder())
                .optMargin(o.number("margin", 0.5))
                .optEasyMargin(o.bool("easy-margin", false))
                .build());
        FACTORIES.put("cosface", o -> common(o, CosFaceLoss.builder())
                .optMargin(o.number("margin", 0.35))
                .build());
        FACTORIES.put("sphereface", o -> common(o, SphereFaceLoss.builder())
                .optMargin(o.integer("margin", 4))
                .optLambdaSchedule(o.number("lambda-base", 1000), o.number("lambda-gamma", 0.12),
                        o.number("lambda-power", 1), o.number("lambda-min", 5))
                .build());
        FACTORIES.put("combined", o -> common(o, CombinedMarginLoss.builder())
                .optMargins(o.number("m1", 1.0), o.number("m2", 0.3), o.number("m3", 0.2))
                .build());
        FACTORIES.put("curricularface", o -> common(o, CurricularFaceLoss.builder())
                .optMargin(o.number("margin", 0.5))
                .optMomentum(o.number("momentum", 0.01))
                .build());
        FACTORIES.put("mv-softmax", o -> {
            MvSoftmaxLoss.Variant variant = o.variant();
            MvSoftmaxLoss.Builder builder = common(o, MvSoftmaxLoss.builder()).optVariant(variant)
                    .optT(o.number("t", 0.2));
            if (o.has("margin")) {
                builder.optMargin(o.number("margin", 0));
            }
            return builder.build();
        });
        FACTORIES.put("normface", o -> common(o, NormFaceLoss.builder()).build());
        FACTORIES.put("softmax", o -> common(o, NormFaceLoss.builder()).optName("softmax").build());
        FACTORIES.put("adaface", o -> common(o, AdaFaceLoss.builder())
                .optMargin(o.number("margin", 0.4))
                .optH(o.number("h", 0.333))
                .optMomentum(o.number("momentum", 0.01))
                .build());
    }

    private MarginLosses() {}

    /**
     * Creates a loss with the paper's defaults.
     *
     * @param name one of {@link #NAMES}
     * @return the loss
     * @throws IllegalArgumentException if the name is unknown (the message lists the names)
     */
    public static MarginLoss create(String name) {
        return create(name, Map.of());
    }

    /**
     * Creates a loss with options, e.g. {@code create("arcface", Map.of("margin", "0.45"))}.
     *
     * @param name one of {@link #NAMES}
     * @param options option name to value; numbers in Java syntax, booleans {@code true|false}
     * @return the loss
     * @throws IllegalArgumentException if the name or an option key is unknown, a value does not
     *     parse, or a value is out of range; the message names the loss, the option and the value
     */
    public static MarginLoss create(String name, Map<String, String> options) {
        if (name == null) {
            throw new IllegalArgumentException("loss name must not be null; expected one of " + NAMES);
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        Function<Options, MarginLoss> factory = FACTORIES.get(key);
        if (factory == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of " + NAMES);
        }
        Options parsed = new Options(key, options == null ? Map.of() : options);
        MarginLoss loss = factory.apply(parsed);
        parsed.requireAllUsed();
        return loss;
    }

    private static <T extends MarginLoss.BaseBuilder<T>> T common(Options o, T builder) {
        if (o.has("scale")) {
            builder.optScale(o.number("scale", 0));
        }
        return builder.optLabelSmoothing(o.number("label-smoothing", 0));
    }

    /** String options of one loss, tracking which keys were read. */
    private static final class Options {
        private final String loss;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Set<String> used = new TreeSet<>();

        Options(String loss, Map<String, String> raw) {
            this.loss = loss;
            raw.forEach((k, v) -> values.put(k.trim().toLowerCase(Locale.ROOT), v == null ? null : v.trim()));
        }

        boolean has(String key) {
            used.add(key);
            return values.containsKey(key);
        }

        double number(String key, double fallback) {
            return parsed(key, fallback, "a number", Double::parseDouble);
        }

        int integer(String key, int fallback) {
            return parsed(key, fallback, "an integer", Integer::parseInt);
        }

        boolean bool(String key, boolean fallback) {
            return parsed(key, fallback, "true or false", v -> {
                if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
                    return Boolean.parseBoolean(v);
                }
                throw new IllegalArgumentException(v);
            });
        }

        MvSoftmaxLoss.Variant variant() {
            return parsed("variant", MvSoftmaxLoss.Variant.AM, "am or arc", v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "am" -> MvSoftmaxLoss.Variant.AM;
                case "arc" -> MvSoftmaxLoss.Variant.ARC;
                default -> throw new IllegalArgumentException(v);
            });
        }

        /**
         * @return the option {@code key} read by {@code parse}, or {@code fallback} when it is absent
         * @throws IllegalArgumentException naming the option, the loss, what was expected and the value, when
         *     {@code parse} rejects it
         */
        private <T> T parsed(String key, T fallback, String expected, Function<String, T> parse) {
            if (!has(key)) {
                return fallback;
            }
            String v = values.get(key);
            try {
                return parse.apply(v);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(
                        "option '" + key + "' of loss '" + loss + "' must be " + expected + ", got '" + v + "'", e);
            }
        }

        void requireAllUsed() {
            Set<String> unknown = new TreeSet<>(values.keySet());
            unknown.removeAll(used);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + unknown + " for loss '" + loss
                        + "'; accepted: " + used);
            }
        }
    }
}
