package io.polyface.core.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The row-major matrix: copies in and out, shape checks. */
class FeatureMatrixTest {

    @Test
    void copiesAndAccessesRows() {
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        FeatureMatrix m = FeatureMatrix.of(rows);
        rows[0][0] = 99;
        assertThat(m.get(0, 0)).isEqualTo(1f);
        assertThat(m.row(1)).containsExactly(4f, 5f, 6f);
        float[] dst = new float[8];
        m.copyRows(0, 2, dst, 1);
        assertThat(dst).containsExactly(0, 1, 2, 3, 4, 5, 6, 0);
        assertThat(m.toArray()).isDeepEqualTo(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(m).isEqualTo(FeatureMatrix.fromRowMajor(2, 3, new float[] {1, 2, 3, 4, 5, 6})).hasToString("FeatureMatrix[2, 3]");
    }

    @Test
    void refusesBadShapes() {
        assertThatThrownBy(() -> FeatureMatrix.of(new float[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> FeatureMatrix.fromRowMajor(2, 2, new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values, expected rows*cols = 2*2 = 4");
        assertThatThrownBy(() -> FeatureMatrix.fromRowMajor(1, 0, new float[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cols = 0");
        assertThatThrownBy(() -> FeatureMatrix.of(new float[0][])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no rows");
        FeatureMatrix m = FeatureMatrix.fromRowMajor(1, 1, new float[] {1});
        assertThatThrownBy(() -> m.get(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
