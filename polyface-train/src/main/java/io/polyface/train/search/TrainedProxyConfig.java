package io.polyface.train.search;

import io.polyface.core.util.Checks;
import io.polyface.core.util.OrderedMaps;
import io.polyface.losses.margin.MarginLosses;
import io.polyface.train.augment.AugmentationPipeline;

import java.util.Locale;
import java.util.Map;

/**
 * The settings of a {@link TrainedProxyObjective}: how briefly each candidate is trained and how it is scored.
 * Immutable; {@link #builder()} starts from the defaults, sized so that re-ranking three candidates of about
 * 0.1 GFLOPs on ORL takes minutes on a CPU, not hours.
 *
 * @param steps SGD steps per candidate, ≥ 1 (default 30: about three epochs of ORL's 300 training images)
 * @param batchSize images per step, ≥ 2 (default 32)
 * @param learningRate base learning rate η₀ of the cosine schedule, &gt; 0 (default 0.1)
 * @param loss margin loss, a {@link MarginLosses#NAMES} name (default {@code arcnegface})
 * @param heldOutIdentities the last K identities of the proxy dataset, never trained on, whose all pairs are scored;
 *     ≥ 2 (default 10)
 * @param far the false accept rate of the score, in (0, 1) (default 1e-2)
 * @param augmentation training augmentations (default {@code flip})
 * @param bnRecalibrationBatches batches used to recompute batch-norm statistics before the evaluation, ≥ 0 (default 8)
 * @param workers decode/augment threads, ≥ 1 (default: processors − 1; results do not depend on it)
 */
public record TrainedProxyConfig(long steps, int batchSize, double learningRate, String loss, int heldOutIdentities, double far,
                                 AugmentationPipeline augmentation, int bnRecalibrationBatches, int workers) {

    /** @return the defaults */
    public static TrainedProxyConfig defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings for provenance (JSON-compatible) */
    public Map<String, Object> provenance() {
        return OrderedMaps.of("steps", steps, "batch_size", batchSize, "learning_rate", learningRate,
                "schedule", "cosine", "loss", loss, "held_out_identities", heldOutIdentities, "far", far,
                "augmentation", augmentation.describe(), "bn_recalibration_batches", bnRecalibrationBatches);
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private long steps = 30;
        private int batchSize = 32;
        private double learningRate = 0.1;
        private String loss = "arcnegface";
        private int heldOutIdentities = 10;
        private double far = 1e-2;
        private AugmentationPipeline augmentation = AugmentationPipeline.parse("flip");
        private int bnRecalibrationBatches = 8;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

        Builder() {}

        /**
         * @param steps SGD steps per candidate, ≥ 1 (default 30)
         * @return this
         */
        public Builder optSteps(long steps) {
            this.steps = steps;
            return this;
        }

        /**
         * @param batchSize images per step, ≥ 2 (default 32)
         * @return this
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param learningRate base rate of the cosine schedule, &gt; 0 (default 0.1)
         * @return this
         */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param loss a margin-loss name (default arcnegface)
         * @return this
         */
        public Builder optLoss(String loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param heldOutIdentities identities held out for scoring, ≥ 2 (default 10)
         * @return this
         */
        public Builder optHeldOutIdentities(int heldOutIdentities) {
            this.heldOutIdentities = heldOutIdentities;
            return this;
        }

        /**
         * @param far the FAR of the score, in (0, 1) (default 1e-2)
         * @return this
         */
        public Builder optFar(double far) {
            this.far = far;
            return this;
        }

        /**
         * @param augmentation training augmentations (default flip)
         * @return this
         */
        public Builder optAugmentation(AugmentationPipeline augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * @param batches batch-norm recalibration batches, ≥ 0 (default 8)
         * @return this
         */
        public Builder optBnRecalibrationBatches(int batches) {
            this.bnRecalibrationBatches = batches;
            return this;
        }

        /**
         * @param workers loader threads, ≥ 1 (default processors − 1)
         * @return this
         */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first setting out of range, its value and what was expected
         */
        public TrainedProxyConfig build() {
            Checks.requireAtLeast("trained proxy: steps", steps, 1);
            if (batchSize < 2) {
                throw new IllegalArgumentException("trained proxy: batch size must be >= 2 (batch normalisation), got " + batchSize);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("trained proxy: learning rate must be finite and > 0, got " + learningRate);
            }
            String l = loss == null ? null : loss.trim().toLowerCase(Locale.ROOT);
            if (l == null || !MarginLosses.NAMES.contains(l)) {
                throw new IllegalArgumentException("trained proxy: unknown loss '" + loss + "'; expected one of " + MarginLosses.NAMES);
            }
            if (heldOutIdentities < 2) {
                throw new IllegalArgumentException("trained proxy: held-out identities must be >= 2 (impostor pairs need two), got "
                        + heldOutIdentities);
            }
            if (!(far > 0 && far < 1)) {
                throw new IllegalArgumentException("trained proxy: FAR must be in (0, 1), got " + far);
            }
            if (augmentation == null) {
                throw new IllegalArgumentException("trained proxy: augmentation must not be null (use AugmentationPipeline.NONE)");
            }
            Checks.requireAtLeast("trained proxy: batch-norm recalibration batches", bnRecalibrationBatches, 0);
            Checks.requireAtLeast("trained proxy: workers", workers, 1);
            return new TrainedProxyConfig(steps, batchSize, learningRate, l, heldOutIdentities, far, augmentation,
                    bnRecalibrationBatches, workers);
        }
    }
}
