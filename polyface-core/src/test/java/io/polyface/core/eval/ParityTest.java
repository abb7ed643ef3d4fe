package io.polyface.core.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relative L2 error against hand-computed values, and its edge cases. */
class ParityTest {

    @Test
    void relativeL2IsTheNormOfTheDifferenceOverTheNormOfTheReference() {
        // ‖(3, 4) − (0, 0)‖ / ‖(3, 4)‖ would be 1; here got = (3, 5), ref = (3, 4): ‖(0, 1)‖ / 5 = 0.2
        assertThat(Parity.relativeL2(new float[] {3, 5}, new float[] {3, 4})).isEqualTo(0.2);
        assertThat(Parity.relativeL2(new float[] {3, 5}, new double[] {3, 4})).isEqualTo(0.2);
        assertThat(Parity.maxRelativeL2(new float[][] {{3, 4}, {3, 5}}, new float[][] {{3, 4}, {3, 4}})).isEqualTo(0.2);
        assertThat(Parity.relativeL2(new float[] {0, 0}, new float[] {0, 0})).isZero();
        assertThat(Parity.relativeL2(new float[] {1, 0}, new float[] {0, 0})).isInfinite();
        assertThat(Parity.relativeL2(new float[] {Float.NaN, 0}, new double[] {1, 0})).isNaN();
        assertThatThrownBy(() -> Parity.relativeL2(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2 values for a reference of 3");
    }
}
