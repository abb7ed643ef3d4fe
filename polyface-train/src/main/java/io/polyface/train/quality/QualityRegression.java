package io.polyface.train.quality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.image.RgbImage;
import io.polyface.core.nn.SpecNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recipe (b): the quality network regresses a per-frame usefulness target ({@link UsefulnessTarget}: the
 * cosine of the frame's frozen embedding to its class centre or to the rest of its set, CR-FIQA /
 * SDD-FIQA style). Loss: the squared error {@code (q_i − t_i)²}, averaged over the batch ({@link MeanSquaredError}). The frame
 * embeddings are only needed to compute the targets; the embedding network is not trained. Check the
 * result with {@link RankCorrelation#spearman} of predicted and target quality on held-out identities.
 *
 * <p>Training: DJL's own {@link Trainer} with {@link ai.djl.training.optimizer.Adam} (fixed learning rate,
 * L2 weight decay), mini-batches drawn without replacement in a seeded random order each epoch, each
 * crop mirrored with probability ½ (quality does not depend on the side); parameters initialised by the
 * spec's rule ({@link SpecNetwork#initialize}) after seeding the engine. The general training harness of
 * {@code polyface-train} is not used: this is a small regression of a network of 123 thousand parameters,
 * for which a plain loop on DJL's Trainer (shared with {@link QanSetTraining}) is enough.
 *
 * <pre>{@code
 * try (TrainedQualityNet q = QualityRegression.builder().optEpochs(12).build().train(trainFrames)) {
 *     double rho = RankCorrelation.spearman(q.scores(heldOut.crops()), UsefulnessTarget.CLASS_CENTRE.compute(heldOut));
 *     q.exportOnnx(Path.of("quality.onnx"));
 * }
 * }</pre>
 */
public final class QualityRegression {

    private final UsefulnessTarget target;
    private final int batchSize;
    private final QualityTrainingLoop.Settings settings;

    private QualityRegression(Builder b, QualityTrainingLoop.Settings settings) {
        this.target = b.target;
        this.batchSize = b.batchSize;
        this.settings = settings;
    }

    /**
     * Starts a builder with the defaults: class-centre target, 15 epochs, batch 32, learning rate 1e-3,
     * weight decay 5e-4, flip augmentation on, seed 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the targets of the frames and trains on them.
     *
     * @param data the training frames (aligned crops of the network's input size, embeddings, tracks)
     * @return the trained network (the caller closes it)
     * @throws IllegalArgumentException if the crops have the wrong size or the target cannot be computed
     */
    public TrainedQualityNet train(QualityFrames data) {
        float[] targets = target.compute(data);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("target", target.name().toLowerCase(Locale.ROOT));
        provenance.put("identities", Integer.toString(data.identities().size()));
        return train(data.crops(), targets, provenance);
    }

    /**
     * Trains on given targets.
     *
     * @param crops aligned frames of the network's input size
     * @param targets {@code [n]} finite targets, one per crop
     * @return the trained network (the caller closes it)
     * @throws IllegalArgumentException if the counts differ, there are fewer than 2 crops, a crop has the
     *     wrong size or a target is not finite
     */
    public TrainedQualityNet train(List<RgbImage> crops, float[] targets) {
        return train(crops, targets, new LinkedHashMap<>());
    }

    private TrainedQualityNet train(List<RgbImage> crops, float[] targets, Map<String, String> provenance) {
        ArchSpec spec = QualityNets.spec();
        if (crops.size() != targets.length || crops.size() < 2) {
            throw new IllegalArgumentException(crops.size() + " crops and " + targets.length
                    + " targets; expected the same number n >= 2 of each");
        }
        for (int i = 0; i < targets.length; i++) {
            QualityNets.checkCropSize(spec, crops.get(i));
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException("target " + i + " is " + targets[i] + "; targets must be finite");
            }
        }
        QualityNets.seedEngine(settings.seed());
        SpecNetwork net = SpecNetwork.builder().setSpec(spec).build();
        int b = Math.min(batchSize, crops.size());
        return QualityTrainingLoop.train("qan-quality-regression", net, net.block(), new MeanSquaredError("usefulness-l2"),
                settings, new Shape[] {new Shape(spec.input().withBatch(b))}, crops.size(), b,
                (m, order, start, random) -> {
                    List<RgbImage> batch = new ArrayList<>(b);
                    float[] y = new float[b];
                    for (int k = 0; k < b; k++) {
                        batch.add(crops.get(order[start + k]));
                        y[k] = targets[order[start + k]];
                    }
                    NDArray x = QualityNets.tensor(m, spec, batch, settings.flips(random));
                    return new QualityTrainingLoop.Batch(new NDList(x), new NDList(m.create(y, new Shape(b, 1))));
                },
                losses -> {
                    provenance.put("recipe", "usefulness-regression");
                    provenance.put("loss", "l2");
                    provenance.put("frames", Integer.toString(crops.size()));
                    provenance.put("epochs", Integer.toString(settings.epochs()));
                    provenance.put("batch_size", Integer.toString(b));
                    return provenance;
                });
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder extends QualityRecipeBuilder<Builder> {
        private UsefulnessTarget target = UsefulnessTarget.CLASS_CENTRE;
        private int batchSize = 32;

        private Builder() {
            super(Builder.class, 15);
        }

        /**
         * @param target the usefulness target; default {@link UsefulnessTarget#CLASS_CENTRE}
         * @return this builder
         */
        public Builder optTarget(UsefulnessTarget target) {
            this.target = target;
            return this;
        }

        /**
         * @param batchSize frames per step, {@code >= 2} (batch normalisation); default 32 (capped at the frame count)
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Validates.
         *
         * @return the recipe
         * @throws IllegalArgumentException naming the setting, its value and the expected range
         */
        public QualityRegression build() {
            if (target == null) {
                throw new IllegalArgumentException("target is null; expected CLASS_CENTRE or SET_MEAN");
            }
            QualityTrainingLoop.Settings settings = settings();
            if (batchSize < 2) {
                throw new IllegalArgumentException("batchSize " + batchSize + ": expected >= 2 (batch normalisation)");
            }
            return new QualityRegression(this, settings);
        }
    }
}
