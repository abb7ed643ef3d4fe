package io.polyface.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.polyface.core.testing.GcPressure;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ScalarOps}: values equal DJL's number overloads bit for bit, and gradients stay right when a garbage
 * collection and small allocations happen between forward and backward (where DJL's own overloads read freed
 * memory). Gradients are checked against the analytic derivative computed in double precision.
 */
class ScalarOpsTest {

    private static final float[] X = {-1.5f, -0.25f, 0.5f, 2f};
    private static final double V = 0.75;

    static Stream<Arguments> ops() {
        return Stream.of(
                Arguments.of("mul", (BiFunction<NDArray, Number, NDArray>) ScalarOps::mul,
                        (BiFunction<NDArray, Number, NDArray>) NDArray::mul, (DoubleBinaryOperator) (x, v) -> v),
                Arguments.of("div", (BiFunction<NDArray, Number, NDArray>) ScalarOps::div,
                        (BiFunction<NDArray, Number, NDArray>) NDArray::div, (DoubleBinaryOperator) (x, v) -> 1 / v),
                Arguments.of("pow", (BiFunction<NDArray, Number, NDArray>) (x, v) -> ScalarOps.pow(x.abs(), v),
                        (BiFunction<NDArray, Number, NDArray>) (x, v) -> x.abs().pow(v),
                        (DoubleBinaryOperator) (x, v) -> Math.signum(x) * v * Math.pow(Math.abs(x), v - 1)),
                Arguments.of("maximum", (BiFunction<NDArray, Number, NDArray>) ScalarOps::maximum,
                        (BiFunction<NDArray, Number, NDArray>) NDArray::maximum, (DoubleBinaryOperator) (x, v) -> x > v ? 1 : 0),
                Arguments.of("minimum", (BiFunction<NDArray, Number, NDArray>) ScalarOps::minimum,
                        (BiFunction<NDArray, Number, NDArray>) NDArray::minimum, (DoubleBinaryOperator) (x, v) -> x < v ? 1 : 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void valuesEqualDjlsNumberOverloadBitForBit(String name, BiFunction<NDArray, Number, NDArray> safe,
            BiFunction<NDArray, Number, NDArray> djl, DoubleBinaryOperator derivative) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            for (Number v : new Number[] {V, (float) V, 2}) {
                assertThat(safe.apply(x, v).toFloatArray()).as("%s by %s", name, v).containsExactly(djl.apply(x, v).toFloatArray());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradientSurvivesAGarbageCollectionBeforeBackward(String name, BiFunction<NDArray, Number, NDArray> safe,
            BiFunction<NDArray, Number, NDArray> djl, DoubleBinaryOperator derivative) {
        for (int trial = 0; trial < 5; trial++) {
            float[] g = gradient(safe, true);
            for (int i = 0; i < X.length; i++) {
                assertThat((double) g[i]).as("d %s / dx[%d], trial %d", name, i, trial)
                        .isCloseTo(derivative.applyAsDouble(X[i], V), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    /**
     * The pressure above is effective: DJL's own {@code x.mul(Number)} loses its scalar under it. If this starts
     * failing, a DJL release has fixed the borrowed-scalar problem and {@link ScalarOps} may be retired.
     */
    @Test
    void djlsNumberOverloadReadsFreedMemoryUnderTheSamePressure() {
        int wrong = 0;
        for (int trial = 0; trial < 20; trial++) {
            float[] g = gradient(NDArray::mul, true);
            if (Math.abs(g[0] - V) > 1e-6) {
                wrong++;
            }
        }
        assertThat(wrong).as("wrong gradients of x.mul(0.75) out of 20 with a GC before backward").isPositive();
    }

    private static float[] gradient(BiFunction<NDArray, Number, NDArray> op, boolean pressure) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x, V).sum();
                if (pressure) {
                    GcPressure.apply();
                }
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }
}
