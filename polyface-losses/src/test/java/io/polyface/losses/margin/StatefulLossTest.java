package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The running state of CurricularFace ({@code t}), AdaFace ({@code μ, σ}) and SphereFace (the
 * annealing iteration) moves once per training evaluation (inside a gradient collector) with the
 * published update rules, and never during validation or {@code logits}.
 */
class StatefulLossTest {

    @Test
    void curricularFaceTIsAMovingAverageOfTheMeanTargetCosine() {
        CurricularFaceLoss loss = CurricularFaceLoss.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            // target cosines 0.2, 0.8 (mean 0.5)
            NDList predictions = new NDList(manager.create(new float[] {0.2f, 0.1f, 0.3f, 0.8f}, new Shape(2, 2)));
            NDList labels = new NDList(manager.create(new long[] {0, 1}));
            assertThat(loss.t()).isZero();
            train(loss, labels, predictions);
            assertThat(loss.t()).isCloseTo(0.01 * 0.5, within(1e-7));
            loss.evaluate(labels, predictions); // validation: no update
            loss.logits(predictions, labels.head());
            assertThat(loss.t()).isCloseTo(0.005, within(1e-7));
            train(loss, labels, predictions);
            assertThat(loss.t()).isCloseTo(0.01 * 0.5 + 0.99 * 0.005, within(1e-7));
        }
    }

    @Test
    void adaFaceNormStatisticsAreMovingAveragesOfTheClippedBatchMeanAndStd() {
        AdaFaceLoss loss = AdaFaceLoss.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = manager.zeros(new Shape(4, 3));
            NDList labels = new NDList(manager.create(new long[] {0, 1, 2, 0}));
            train(loss, labels, new NDList(cosine, manager.create(new float[] {1, 2, 3, 4})));
            double std = Math.sqrt(5.0 / 3.0); // unbiased, as torch.std
            assertThat(loss.normMean()).isCloseTo(0.01 * 2.5 + 0.99 * 20, within(1e-5));
            assertThat(loss.normStd()).isCloseTo(0.01 * std + 0.99 * 100, within(1e-5));
            double mean = loss.normMean();
            loss.evaluate(labels, new NDList(cosine, manager.create(new float[] {50, 60, 70, 80})));
            assertThat(loss.normMean()).isEqualTo(mean);

            // norms are clipped to [0.001, 100] before the statistics
            AdaFaceLoss clipped = AdaFaceLoss.builder().optMomentum(1).build();
            train(clipped, labels, new NDList(cosine, manager.create(new float[] {0, 1000, 0, 1000})));
            assertThat(clipped.normMean()).isCloseTo((0.001 + 100) / 2, within(1e-4));
        }
    }

    @Test
    void adaFaceRejectsASingleSampleTrainingBatch() {
        AdaFaceLoss loss = AdaFaceLoss.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = new NDList(manager.zeros(new Shape(1, 3)), manager.ones(new Shape(1)));
            NDList labels = new NDList(manager.create(new long[] {1}));
            assertThatThrownBy(() -> train(loss, labels, predictions))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
            assertThat(Float.isFinite(loss.evaluate(labels, predictions).getFloat())).isTrue(); // validation is fine
        }
    }

    @Test
    void sphereFaceAnnealsLambdaWithTheCaffeSchedule() {
        SphereFaceLoss loss = SphereFaceLoss.builder().build();
        assertThat(loss.lambda()).isEqualTo(1000);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = new NDList(manager.create(new float[] {0.2f, 0.1f, 0.3f, 0.8f}, new Shape(2, 2)));
            NDList labels = new NDList(manager.create(new long[] {0, 1}));
            train(loss, labels, predictions);
            assertThat(loss.iteration()).isEqualTo(1);
            assertThat(loss.lambda()).isCloseTo(1000 / 1.12, within(1e-9));
            loss.evaluate(labels, predictions);
            assertThat(loss.iteration()).isEqualTo(1);
        }
        // 1000 / (1 + 0.12 k) reaches λ_min = 5 between k = 1658 and 1659
        assertThat(SphereFaceLoss.builder().optIteration(1658).build().lambda()).isCloseTo(1000 / (1 + 0.12 * 1658), within(1e-12)).isGreaterThan(5);
        assertThat(SphereFaceLoss.builder().optIteration(1659).build().lambda()).isEqualTo(5);
    }

    @SuppressWarnings("try") // the collector is opened only to switch gradient recording on
    private static void train(MarginLoss loss, NDList labels, NDList predictions) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            loss.evaluate(labels, predictions);
        }
    }
}
