package io.polyface.train.loop;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Item 8: mobilefacenet-tiny learns ORL's 40 identities with ArcNegFace (s 64, m 0.5, α 1.2, σ 2). */
class OrlArcNegFaceLearningTest {

    @Test
    void arcNegFaceLearnsOrl() throws IOException {
        OrlLearning.Outcome o = OrlLearning.train("arcnegface");
        System.out.println("ORL, mobilefacenet-tiny, ArcNegFace: " + o);
        // the loss falls epoch after epoch, clearly (ArcNegFace's up-weighted hard negatives keep its floor higher than ArcFace's)
        assertThat(o.epochLoss()).isSortedAccordingTo((a, b) -> Double.compare(b, a)).doesNotHaveDuplicates();
        assertThat(o.lastEpochLoss()).isLessThan(0.85 * o.firstEpochLoss());
        assertThat(o.lastEpochAccuracy()).isGreaterThan(10 * OrlLearning.CHANCE);
        assertThat(o.inferenceAccuracy()).isGreaterThan(10 * OrlLearning.CHANCE);
    }
}
