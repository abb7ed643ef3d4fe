package io.polyface.train.loop;

import io.polyface.losses.margin.AdaFaceLoss;
import io.polyface.losses.margin.CurricularFaceLoss;
import io.polyface.losses.margin.MarginLoss;
import io.polyface.losses.margin.MarginLosses;
import io.polyface.losses.margin.SphereFaceLoss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Captures and restores the running state of the stateful margin losses, so a resumed run continues
 * them exactly: CurricularFace's {@code t}, AdaFace's feature-norm mean and standard deviation,
 * SphereFace's iteration count (its λ schedule). The other losses are stateless.
 *
 * <p>Restoring rebuilds the loss with its builder from the same options; the settings a loss does not
 * expose (CurricularFace's and AdaFace's EMA momentum, AdaFace's {@code h}, SphereFace's λ schedule)
 * are read from the options with {@link MarginLosses}' documented defaults.
 */
final class LossStates {

    private LossStates() {}

    static Map<String, Double> capture(MarginLoss loss) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (loss instanceof CurricularFaceLoss c) {
            m.put("t", c.t());
        } else if (loss instanceof AdaFaceLoss a) {
            m.put("norm_mean", a.normMean());
            m.put("norm_std", a.normStd());
        } else if (loss instanceof SphereFaceLoss s) {
            m.put("iteration", (double) s.iteration());
        }
        return m;
    }

    static MarginLoss create(String name, Map<String, String> options, Map<String, Double> state) {
        MarginLoss base = MarginLosses.create(name, options);
        if (state == null || state.isEmpty()) {
            return base;
        }
        Map<String, String> o = new LinkedHashMap<>();
        options.forEach((k, v) -> o.put(k.trim().toLowerCase(java.util.Locale.ROOT), v));
        if (base instanceof CurricularFaceLoss c) {
            return CurricularFaceLoss.builder().optScale(c.scale()).optLabelSmoothing(c.labelSmoothing())
                    .optMargin(c.margin()).optMomentum(number(o, "momentum", 0.01)).optInitialT(require(state, "t", name))
                    .build();
        }
        if (base instanceof AdaFaceLoss a) {
            return AdaFaceLoss.builder().optScale(a.scale()).optLabelSmoothing(a.labelSmoothing()).optMargin(a.margin())
                    .optH(number(o, "h", 0.333)).optMomentum(number(o, "momentum", 0.01))
                    .optNormStatistics(require(state, "norm_mean", name), require(state, "norm_std", name)).build();
        }
        if (base instanceof SphereFaceLoss s) {
            return SphereFaceLoss.builder().optScale(s.scale()).optLabelSmoothing(s.labelSmoothing()).optMargin(s.margin())
                    .optLambdaSchedule(number(o, "lambda-base", 1000), number(o, "lambda-gamma", 0.12),
                            number(o, "lambda-power", 1), number(o, "lambda-min", 5))
                    .optIteration((long) require(state, "iteration", name)).build();
        }
        throw new IllegalArgumentException("loss '" + name + "' keeps no state, but the checkpoint records " + state.keySet());
    }

    private static double number(Map<String, String> options, String key, double fallback) {
        String v = options.get(key);
        return v == null ? fallback : Double.parseDouble(v.trim());
    }

    private static double require(Map<String, Double> state, String key, String loss) {
        Double v = state.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the checkpoint's state of loss '" + loss + "' lacks '" + key + "'");
        }
        return v;
    }
}
