package io.polyface.train.eval;

import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.util.OrderedMaps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verification evaluation during training: TAR at each target FAR with core's exact rule (accept when
 * {@code score > threshold}, threshold the {@code (k+1)}-th largest impostor score, {@code k = ⌊FAR·N_imp⌋};
 * ../shared/spec/aggregation-and-evaluation.md, "Exact best operating point").
 *
 * @param step the training steps completed when it was measured
 * @param set the evaluation set's name ({@code held-out} or a {@code .bin} file name)
 * @param images the images embedded
 * @param genuinePairs genuine pairs scored
 * @param impostorPairs impostor pairs scored
 * @param operatingPoints one per target FAR, in the requested order
 */
public record EvaluationResult(long step, String set, int images, long genuinePairs, long impostorPairs,
                               List<OperatingPoint> operatingPoints) {

    /** Copies the list. */
    public EvaluationResult {
        operatingPoints = List.copyOf(operatingPoints);
    }

    /**
     * @param far a target FAR that was evaluated
     * @return its TAR
     * @throws IllegalArgumentException if that FAR was not evaluated
     */
    public double tar(double far) {
        for (OperatingPoint p : operatingPoints) {
            if (p.targetFar() == far) {
                return p.tar();
            }
        }
        throw new IllegalArgumentException("FAR " + far + " was not evaluated; evaluated: "
                + operatingPoints.stream().map(OperatingPoint::targetFar).toList());
    }

    /**
     * @return TAR by FAR, keys as the FAR's decimal text (e.g. {@code "0.01"}), for JSON
     */
    public Map<String, Double> tarByFar() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (OperatingPoint p : operatingPoints) {
            m.put(farKey(p.targetFar()), p.tar());
        }
        return m;
    }

    /** @return the JSON-ready form (a metrics line) */
    public Map<String, Object> toMetrics() {
        Map<String, Object> m = OrderedMaps.of("type", "eval", "step", step, "set", set, "images", images,
                "genuine_pairs", genuinePairs, "impostor_pairs", impostorPairs, "tar", tarByFar());
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Map<String, Boolean> limited = new LinkedHashMap<>();
        for (OperatingPoint p : operatingPoints) {
            thresholds.put(farKey(p.targetFar()), p.threshold());
            limited.put(farKey(p.targetFar()), p.sampleLimited());
        }
        m.put("threshold", thresholds);
        m.put("sample_limited", limited);
        return m;
    }

    /**
     * @param far a FAR
     * @return its shortest decimal text, e.g. {@code 0.001}
     */
    public static String farKey(double far) {
        return java.math.BigDecimal.valueOf(far).stripTrailingZeros().toPlainString();
    }
}
