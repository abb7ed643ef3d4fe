package io.polyface.losses.partialfc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.margin.ArcNegFaceLoss;
import io.polyface.losses.margin.CosFaceLoss;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.Heads;
import io.polyface.losses.reference.OneStep;
import io.polyface.losses.reference.Reference;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Partial FC: with r = 1 the loss and gradients equal the full loss; with r < 1 the sample holds
 * every positive class plus round(r·(C − P)) uniformly drawn negatives, the labels are re-indexed
 * correctly, the loss equals the reference loss on those columns and only kept centres get
 * gradient; a Trainer step through it lowers the loss.
 */
class PartialFcTest {

    private static final FixedBatch BATCH = new FixedBatch();

    /** The fixed batch in float64 under a head whose classes are sampled at {@code rate}. */
    private record Fixture(NDManager manager, MarginHead head, PartialFcHead partial, NDArray x, NDList labels) {
        static Fixture of(NDManager manager, double rate) {
            MarginHead head = Heads.withCentres(manager, BATCH.centres, DataType.FLOAT64);
            return new Fixture(manager, head, new PartialFcHead(head, rate), BATCH.embeddings(manager, DataType.FLOAT64),
                    new NDList(FixedBatch.labels(manager)));
        }

        /** One recorded forward pass through the sampled head and {@code loss}, and its backward pass. */
        SampledStep step(PartialFcLoss loss) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList sampled = partial.forward(new ParameterStore(manager, false), new NDList(x), labels, null);
                NDArray value = loss.evaluate(labels, sampled);
                collector.backward(value);
                return new SampledStep(sampled, value);
            }
        }
    }

    /** The sampled head's outputs and the loss of one step. */
    private record SampledStep(NDList sampled, NDArray loss) {}

    @Test
    void withRateOneTheLossAndGradientsEqualTheFullLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Fixture f = Fixture.of(manager, 1.0);
            ArcNegFaceLoss inner = ArcNegFaceLoss.builder().optLabelSmoothing(0.1).build();
            SampledStep step = f.step(new PartialFcLoss(inner));
            double partialValue = Arrays2.scalar(step.loss());
            NDList sampled = step.sampled();
            double[][] partialGradient = Arrays2.toMatrix(f.head().getCentres().getArray().getGradient());
            assertThat(sampled.get(PartialFcHead.CLASSES).toLongArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
            assertThat(sampled.get(PartialFcHead.LOCAL_LABELS).toLongArray()).containsExactly(2, 5, 0, 6);

            double fullValue;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                NDList full = f.head().forward(new ParameterStore(manager, false), new NDList(f.x()), true);
                NDArray value = inner.evaluate(f.labels(), full);
                fullValue = Arrays2.scalar(value);
                collector.backward(value);
            }
            double[][] fullGradient = Arrays2.toMatrix(f.head().getCentres().getArray().getGradient());
            assertThat(partialValue).isCloseTo(fullValue, within(1e-12));
            for (int j = 0; j < FixedBatch.C; j++) {
                for (int k = 0; k < FixedBatch.D; k++) {
                    assertThat(partialGradient[j][k]).isCloseTo(fullGradient[j][k], within(1e-12));
                }
            }
        }
    }

    @Test
    void sampledClassesHoldThePositivesAndTheLossIsTheReferenceOnThoseColumns() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Fixture f = Fixture.of(manager, 0.5);
            SampledStep step = f.step(new PartialFcLoss(CosFaceLoss.builder().build()));
            NDList sampled = step.sampled();
            long[] classes = sampled.get(PartialFcHead.CLASSES).toLongArray();
            long[] local = sampled.get(PartialFcHead.LOCAL_LABELS).toLongArray();
            // P = 4 positives {0, 2, 5, 6}, 3 negatives, round(0.5·3) = 2 kept
            assertThat(classes).hasSize(6).isSorted().contains(0, 2, 5, 6);
            for (int i = 0; i < FixedBatch.B; i++) {
                assertThat(classes[(int) local[i]]).isEqualTo(FixedBatch.LABELS[i]);
            }
            double[][] full = BATCH.cosines();
            double[][] cos = Arrays2.toMatrix(sampled.get(MarginHead.COSINE));
            double[][] subset = new double[FixedBatch.B][classes.length];
            for (int i = 0; i < FixedBatch.B; i++) {
                for (int k = 0; k < classes.length; k++) {
                    subset[i][k] = full[i][(int) classes[k]];
                    assertThat(cos[i][k]).isCloseTo(subset[i][k], within(1e-12));
                }
            }
            int[] localLabels = Arrays.stream(local).mapToInt(v -> (int) v).toArray();
            double expected = Reference.crossEntropy(Reference.cosFace(subset, localLabels, 64, 0.35), localLabels, 0);
            assertThat(Arrays2.scalar(step.loss())).isCloseTo(expected, within(1e-10));
            // the one dropped class gets no gradient, every kept one does
            double[][] gradient = Arrays2.toMatrix(f.head().getCentres().getArray().getGradient());
            Set<Long> kept = new TreeSet<>();
            for (long c : classes) {
                kept.add(c);
            }
            for (int j = 0; j < FixedBatch.C; j++) {
                double magnitude = Arrays.stream(gradient[j]).map(Math::abs).sum();
                assertThat(magnitude > 0).as("gradient on class %d", j).isEqualTo(kept.contains((long) j));
            }
            // without labels (inference, validation) the head gives all C cosines
            NDList inference = f.partial().forward(new ParameterStore(manager, false), new NDList(f.x()), false);
            assertThat(inference.get(MarginHead.COSINE).getShape()).isEqualTo(new Shape(FixedBatch.B, FixedBatch.C));
        }
    }

    @Test
    void negativesAreDrawnUniformlyAndReproduciblyForLargeClassCounts() {
        int classes = 1000;
        int batch = 64;
        double rate = 0.1;
        ClassSampler sampler = ClassSampler.builder().setNumClasses(classes).optSampleRate(rate).build();
        Random random = new Random(5);
        long[] y = new long[batch];
        Set<Long> positives = new TreeSet<>();
        for (int i = 0; i < batch; i++) {
            y[i] = random.nextInt(classes / 2); // duplicates likely, classes ≥ 500 never positive
            positives.add(y[i]);
        }
        int expectedSize = positives.size() + (int) Math.round(rate * (classes - positives.size()));
        int draws = 200;
        int[] counts = new int[classes];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.create(y);
            Engine.getInstance().setRandomSeed(42);
            long[] first = sampler.sample(labels).classes().toLongArray();
            Engine.getInstance().setRandomSeed(42);
            assertThat(sampler.sample(labels).classes().toLongArray()).containsExactly(first);
            for (int d = 0; d < draws; d++) {
                try (NDManager step = manager.newSubManager()) {
                    ClassSample sample = sampler.sample(step.create(y));
                    long[] kept = sample.classes().toLongArray();
                    assertThat(kept).hasSize(expectedSize).isSorted().doesNotHaveDuplicates();
                    long[] local = sample.localLabels().toLongArray();
                    for (int i = 0; i < batch; i++) {
                        assertThat(kept[(int) local[i]]).isEqualTo(y[i]);
                    }
                    for (long c : kept) {
                        counts[(int) c]++;
                    }
                }
            }
        }
        for (long p : positives) {
            assertThat(counts[(int) p]).isEqualTo(draws);
        }
        // each negative is kept with probability r' = (expectedSize − P)/(C − P); the mean over the
        // 500 never-positive classes is within 4 standard errors of it
        double r = (double) (expectedSize - positives.size()) / (classes - positives.size());
        double mean = 0;
        for (int c = classes / 2; c < classes; c++) {
            mean += counts[c] / (double) draws;
        }
        mean /= classes / 2;
        double standardError = Math.sqrt(r * (1 - r) / ((double) draws * (classes / 2)));
        assertThat(mean).isCloseTo(r, within(4 * standardError));
    }

    @Test
    void trainingStepsLeaveNoArraysBehindInTheParameterManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, BATCH.centres, DataType.FLOAT32);
            PartialFcHead partial = new PartialFcHead(head, 0.5);
            PartialFcLoss loss = new PartialFcLoss(CosFaceLoss.builder().build());
            int before = manager.getManagedArrays().size();
            for (int step = 0; step < 10; step++) {
                try (NDManager batch = manager.newSubManager()) {
                    NDList labels = new NDList(FixedBatch.labels(batch));
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDList predictions = partial.forward(new ParameterStore(batch, false),
                                new NDList(BATCH.embeddings(batch, DataType.FLOAT32)), labels, null);
                        collector.backward(loss.evaluate(labels, predictions));
                    }
                }
            }
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void badLabelsAndRatesAreRejected() {
        assertThatThrownBy(() -> ClassSampler.builder().setNumClasses(10).optSampleRate(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleRate must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> ClassSampler.builder().setNumClasses(10).optSampleRate(1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        ClassSampler sampler = ClassSampler.builder().setNumClasses(10).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> sampler.sample(manager.create(new long[] {3, 10})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 10 at index 1");
            assertThatThrownBy(() -> sampler.sample(manager.create(new float[] {3.5f})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3.5 at index 0");
        }
    }

    @Test
    void oneTrainerStepThroughPartialFcLowersTheLossOnTheSampledClasses() {
        for (double rate : new double[] {1.0, 0.5}) {
            MarginHead head = MarginHead.builder().setNumClasses(FixedBatch.C).setEmbeddingSize(FixedBatch.D).build();
            PartialFcHead partial = new PartialFcHead(head, rate);
            OneStep.Result result = OneStep.run(partial, head, new PartialFcLoss(CosFaceLoss.builder().build()), 1e-3f,
                    PartialFcTest::cosFaceOnTheStepsClasses);
            assertThat(result.after()).as("rate %s", rate).isLessThan(result.before());
        }
    }

    private static double cosFaceOnTheStepsClasses(Trainer trainer, NDList stepPredictions) {
        long[] classes = stepPredictions.get(PartialFcHead.CLASSES).toLongArray();
        int[] local = Arrays.stream(stepPredictions.get(PartialFcHead.LOCAL_LABELS).toLongArray())
                .mapToInt(v -> (int) v).toArray();
        double[][] after = Arrays2.toMatrix(trainer.evaluate(OneStep.data(trainer)).get(MarginHead.COSINE));
        double[][] subset = new double[after.length][classes.length];
        for (int i = 0; i < after.length; i++) {
            for (int k = 0; k < classes.length; k++) {
                subset[i][k] = after[i][(int) classes[k]];
            }
        }
        return Reference.crossEntropy(Reference.cosFace(subset, local, 64, 0.35), local, 0);
    }
}
