package io.polyface.losses.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;

/** Central finite differences of a scalar function of a matrix, in double precision, to check analytic gradients. */
public final class FiniteDifferences {

    private FiniteDifferences() {}

    /**
     * @param at the point (not modified)
     * @param i the row of the entry to perturb
     * @param k its column
     * @param h the step
     * @param f the function
     * @return {@code (f(at + h·e_ik) − f(at − h·e_ik)) / 2h}
     */
    public static double central(double[][] at, int i, int k, double h, ToDoubleFunction<double[][]> f) {
        double[][] plus = Arrays2.copy(at);
        double[][] minus = Arrays2.copy(at);
        plus[i][k] += h;
        minus[i][k] -= h;
        return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }

    /**
     * Asserts every entry of an analytic gradient against its central difference, within
     * {@code relTol·(1 + |difference|)}.
     *
     * @param name the gradient's name in failure messages, e.g. {@code "dL/dx"}
     * @param gradient the analytic gradient, shaped as {@code at}
     * @param at the point
     * @param f the function
     * @param h the step
     * @param relTol the relative tolerance
     */
    public static void assertGradient(String name, double[][] gradient, double[][] at, ToDoubleFunction<double[][]> f, double h,
                                      double relTol) {
        for (int i = 0; i < at.length; i++) {
            for (int k = 0; k < at[i].length; k++) {
                double fd = central(at, i, k, h, f);
                assertThat(gradient[i][k]).as(name + "[%d][%d]", i, k).isCloseTo(fd, within(relTol * (1 + Math.abs(fd))));
            }
        }
    }
}
