package io.polyface.core.eval;

/**
 * The relative L2 error used for every parity check of the project (DJL vs ONNX Runtime, the engine vs the
 * double-precision reference, exported vs imported models): {@code ‖got − ref‖₂ / ‖ref‖₂}, accumulated in double.
 *
 * <p>A reference that is all zeros gives 0 when {@code got} is all zeros too and {@code +∞} otherwise; a NaN in
 * either input gives NaN, so a check written as {@code !(relativeL2(...) <= limit)} fails on it.
 */
public final class Parity {

    private Parity() {}

    /**
     * @param got values {@code [D]}
     * @param ref reference values {@code [D]}
     * @return {@code ‖got − ref‖₂ / ‖ref‖₂}
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double relativeL2(float[] got, float[] ref) {
        checkLengths(got.length, ref.length);
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            double d = (double) got[i] - ref[i];
            num += d * d;
            den += (double) ref[i] * ref[i];
        }
        return ratio(num, den);
    }

    /**
     * @param got values {@code [D]}
     * @param ref reference values {@code [D]}, e.g. from a double-precision reference implementation
     * @return {@code ‖got − ref‖₂ / ‖ref‖₂}
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double relativeL2(float[] got, double[] ref) {
        checkLengths(got.length, ref.length);
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            double d = got[i] - ref[i];
            num += d * d;
            den += ref[i] * ref[i];
        }
        return ratio(num, den);
    }

    /**
     * The largest row-wise relative L2 error of two matrices.
     *
     * @param got rows {@code [N][D]}
     * @param ref reference rows {@code [N][D]}
     * @return {@code max_i relativeL2(got[i], ref[i])}, 0 for no rows
     * @throws IllegalArgumentException if the shapes differ
     */
    public static double maxRelativeL2(float[][] got, float[][] ref) {
        checkLengths(got.length, ref.length);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, relativeL2(got[i], ref[i]));
        }
        return worst;
    }

    private static double ratio(double num, double den) {
        if (den == 0) {
            return num == 0 ? 0 : num > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return Math.sqrt(num / den);
    }

    private static void checkLengths(int got, int ref) {
        if (got != ref) {
            throw new IllegalArgumentException("got " + got + " values for a reference of " + ref);
        }
    }
}
