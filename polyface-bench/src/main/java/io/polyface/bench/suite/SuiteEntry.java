package io.polyface.bench.suite;

import java.util.Map;

/**
 * One measured benchmark configuration of a suite run.
 *
 * @param benchmark the benchmark method, {@code Class.method}
 * @param params its JMH parameters
 * @param score the primary score
 * @param error the score's 99.9% error half-width (NaN when JMH gives none)
 * @param unit the score's unit (e.g. {@code ms/op}, {@code ops/s}, {@code s/op})
 */
public record SuiteEntry(String benchmark, Map<String, String> params, double score, double error, String unit) {

    /**
     * @param method the benchmark method name (after the class)
     * @param fixed parameter values that must match
     * @return whether this entry is that method with those parameters
     */
    public boolean is(String method, Map<String, String> fixed) {
        if (!benchmark.endsWith("." + method)) {
            return false;
        }
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            if (!e.getValue().equals(params.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
