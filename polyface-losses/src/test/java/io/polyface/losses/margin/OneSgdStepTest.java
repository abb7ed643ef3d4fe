package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.LossCase;
import io.polyface.losses.reference.OneStep;
import io.polyface.losses.reference.Reference;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One SGD step of DJL's Trainer on the fixed batch lowers every loss (the learning tests on real
 * faces belong to the training harness).
 *
 * <p>ArcNegFace holds its negative weights {@code t} constant for back-propagation (spec), so its
 * step follows the gradient of the loss with {@code t} frozen at the step's values, not of the
 * loss value itself; what the step must lower is that objective, which is what is checked for it
 * (its value is the double reference with {@code t} taken from the cosines before the step).
 */
class OneSgdStepTest {

    private static final double EPSILON = 0.1;

    static List<LossCase> cases() {
        return LossCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneSgdStepLowersTheLoss(LossCase lossCase) {
        MarginHead head = MarginHead.builder().setNumClasses(FixedBatch.C).setEmbeddingSize(FixedBatch.D).build();
        boolean frozenWeights = lossCase.id().equals("arcnegface");
        OneStep.Result result = OneStep.run(head, head, lossCase.create(EPSILON), 1e-3f,
                frozenWeights ? OneSgdStepTest::arcNegFaceWithWeightsOfTheStep : null);
        assertThat(result.centreChange()).as("the step moved the centres").isGreaterThan(0);
        assertThat(result.after()).as("loss after the step").isLessThan(result.before());
    }

    private static double arcNegFaceWithWeightsOfTheStep(Trainer trainer, NDList stepPredictions) {
        double[][] before = Arrays2.toMatrix(stepPredictions.get(MarginHead.COSINE));
        double[][] after = Arrays2.toMatrix(trainer.evaluate(OneStep.data(trainer)).get(MarginHead.COSINE));
        int[] y = FixedBatch.LABELS;
        return Reference.crossEntropy(Reference.arcNegFace(after, y, 64, 0.5, 1.2, 2, before), y, EPSILON);
    }
}
