package io.polyface.train.loop;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Item 8: mobilefacenet-tiny learns ORL's 40 identities with ArcFace (s 64, m 0.5) ({@link OrlLearning#assertLearns}; one
 * class per loss keeps each class within the time limit).
 */
class OrlArcFaceLearningTest {

    @Test
    void arcFaceLearnsOrl() throws IOException {
        OrlLearning.assertLearns("arcface", "ArcFace");
    }
}
