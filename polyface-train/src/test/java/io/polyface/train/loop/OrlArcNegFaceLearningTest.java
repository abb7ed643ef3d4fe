package io.polyface.train.loop;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Item 8: mobilefacenet-tiny learns ORL's 40 identities with ArcNegFace (s 64, m 0.5, α 1.2, σ 2) ({@link OrlLearning#assertLearns}; one
 * class per loss keeps each class within the time limit).
 */
class OrlArcNegFaceLearningTest {

    @Test
    void arcNegFaceLearnsOrl() throws IOException {
        OrlLearning.assertLearns("arcnegface", "ArcNegFace");
    }
}
