package io.polyface.train.eval;

import io.polyface.core.io.FeatureMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassificationAccuracyTest {

    @Test
    void theNearestCentreByCosineDecidesNotTheDotProduct() {
        // centre 1 is ten times longer, so it wins every dot product; by cosine rows 0 and 2 belong to centre 0
        // (row 2: cos 0.743 against 0.669)
        float[] centres = {1, 0, 0, 10};
        FeatureMatrix e = FeatureMatrix.of(new float[][] {{1, 0.5f}, {0.1f, 1}, {1, 0.9f}});
        assertThat(ClassificationAccuracy.topOne(e, new int[] {0, 1, 0}, centres, 2)).isEqualTo(1.0);
        assertThat(ClassificationAccuracy.topOne(e, new int[] {0, 1, 1}, centres, 2)).isEqualTo(2.0 / 3);
        assertThatThrownBy(() -> ClassificationAccuracy.topOne(e, new int[] {0}, centres, 2)).hasMessageContaining("1 labels");
    }
}
