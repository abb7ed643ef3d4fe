package io.polyface.train.quality;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import io.polyface.aggregation.TrackId;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.image.RgbImage;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.util.Permutations;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.margin.CosFaceLoss;
import io.polyface.losses.margin.MarginLoss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Recipe (a), QAN-style end-to-end training with identity labels only (Liu et al., "Quality Aware
 * Network for Set to Set Recognition", CVPR 2017, Sec. 3): no quality labels; the quality network learns
 * whatever weighting makes the set features of a person's tracks classifiable. Each step takes
 * {@code setsPerBatch} tracks, draws {@code framesPerSet} frames from each (without replacement when the
 * track has enough, with replacement otherwise), forms the set feature
 * {@code R = Σ sigmoid(s_i) f_i / Σ sigmoid(s_j)} from the frozen frame embeddings {@code f_i}
 * ({@link QanSetBlock}) and applies a margin loss on {@code R} with a {@link MarginHead} over the training
 * identities (polyface-losses; default CosFace, Wang et al., CVPR 2018, with {@code s = 30},
 * {@code m = 0.2} — the published {@code s = 64, m = 0.35} is tuned for thousands of classes and
 * saturates the softmax on a few dozen). The head's class centres are trained with the quality network and
 * discarded afterwards. QAN also used a triplet/contrastive loss on normalised set features; a margin
 * loss plays the same role with the project's losses.
 *
 * <p>Training: DJL's own {@link Trainer} and {@link ai.djl.training.optimizer.Adam}, each epoch one pass
 * over the tracks in a seeded random order, crops mirrored with probability ½; see
 * {@link QualityRegression} for why not the general training harness.
 */
public final class QanSetTraining {

    private final MarginLoss loss;
    private final int setsPerBatch;
    private final int framesPerSet;
    private final QualityTrainingLoop.Settings settings;

    private QanSetTraining(Builder b, QualityTrainingLoop.Settings settings) {
        this.loss = b.loss;
        this.setsPerBatch = b.setsPerBatch;
        this.framesPerSet = b.framesPerSet;
        this.settings = settings;
    }

    /**
     * Starts a builder with the defaults: CosFace {@code s = 30, m = 0.2}, 20 epochs, 8 sets of 4 frames
     * per step, learning rate 1e-3, weight decay 5e-4, flip augmentation on, seed 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains a quality network.
     *
     * @param data training frames with their frozen embeddings and tracks; at least two identities
     * @return the trained network (the caller closes it)
     * @throws IllegalArgumentException if there are fewer than two identities or the crops have the
     *     wrong size
     */
    public TrainedQualityNet train(QualityFrames data) {
        ArchSpec spec = QualityNets.spec();
        QualityNets.checkCropSize(spec, data.crops().get(0));
        List<String> identities = data.identities();
        if (identities.size() < 2) {
            throw new IllegalArgumentException("QAN set training needs at least two identities (a margin loss over classes), got "
                    + identities);
        }
        Map<String, List<Integer>> framesOfTrack = new LinkedHashMap<>();
        Map<String, Integer> classOfTrack = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            TrackId id = data.trackIds().get(i);
            framesOfTrack.computeIfAbsent(id.trackKey(), k -> new ArrayList<>()).add(i);
            classOfTrack.put(id.trackKey(), identities.indexOf(id.identity()));
        }
        List<String> tracks = new ArrayList<>(framesOfTrack.keySet());
        int b = Math.min(setsPerBatch, tracks.size());
        int n = framesPerSet;
        int d = data.embeddingSize();

        QualityNets.seedEngine(settings.seed());
        SpecNetwork net = SpecNetwork.builder().setSpec(spec).build();
        MarginHead head = MarginHead.builder().setNumClasses(identities.size()).setEmbeddingSize(d).build();
        return QualityTrainingLoop.train("qan-quality-set", net, new QanSetBlock(net.block(), head), loss, settings,
                new Shape[] {new Shape(spec.input().withBatch((long) b * n)), new Shape(b, n, d)}, tracks.size(), b,
                (m, order, start, random) -> {
                    List<RgbImage> crops = new ArrayList<>(b * n);
                    float[] embeddings = new float[b * n * d];
                    float[] labels = new float[b];
                    for (int s = 0; s < b; s++) {
                        String track = tracks.get(order[start + s]);
                        labels[s] = classOfTrack.get(track);
                        int[] picked = pick(framesOfTrack.get(track), n, random);
                        for (int k = 0; k < n; k++) {
                            crops.add(data.crops().get(picked[k]));
                            System.arraycopy(data.embedding(picked[k]), 0, embeddings, (s * n + k) * d, d);
                        }
                    }
                    NDList input = new NDList(QualityNets.tensor(m, spec, crops, settings.flips(random)),
                            m.create(embeddings, new Shape(b, n, d)));
                    return new QualityTrainingLoop.Batch(input, new NDList(m.create(labels, new Shape(b))));
                },
                losses -> {
                    Map<String, String> provenance = new LinkedHashMap<>();
                    provenance.put("recipe", "qan-set");
                    provenance.put("loss", loss.getName());
                    provenance.put("scale", Double.toString(loss.scale()));
                    provenance.put("identities", Integer.toString(identities.size()));
                    provenance.put("tracks", Integer.toString(tracks.size()));
                    provenance.put("frames", Integer.toString(data.size()));
                    provenance.put("epochs", Integer.toString(settings.epochs()));
                    provenance.put("sets_per_batch", Integer.toString(b));
                    provenance.put("frames_per_set", Integer.toString(n));
                    return provenance;
                });
    }

    /** {@code n} frame indices of a track: a random subset, or with replacement when it has fewer frames. */
    private static int[] pick(List<Integer> frames, int n, SplittableRandom random) {
        int[] out = new int[n];
        if (frames.size() >= n) {
            int[] order = Permutations.random(frames.size(), random);
            for (int k = 0; k < n; k++) {
                out[k] = frames.get(order[k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                out[k] = frames.get(random.nextInt(frames.size()));
            }
        }
        return out;
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder extends QualityRecipeBuilder<Builder> {
        private MarginLoss loss = CosFaceLoss.builder().optScale(30).optMargin(0.2).build();
        private int setsPerBatch = 8;
        private int framesPerSet = 4;

        private Builder() {
            super(Builder.class, 20);
        }

        /**
         * @param loss the margin loss on set features (any of polyface-losses); default CosFace s = 30, m = 0.2
         * @return this builder
         */
        public Builder optLoss(MarginLoss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param setsPerBatch sets (tracks) per step, {@code >= 2}; default 8 (capped at the track count)
         * @return this builder
         */
        public Builder optSetsPerBatch(int setsPerBatch) {
            this.setsPerBatch = setsPerBatch;
            return this;
        }

        /**
         * @param framesPerSet frames drawn per set, {@code >= 2}; default 4
         * @return this builder
         */
        public Builder optFramesPerSet(int framesPerSet) {
            this.framesPerSet = framesPerSet;
            return this;
        }

        /**
         * Validates.
         *
         * @return the recipe
         * @throws IllegalArgumentException naming the setting, its value and the expected range
         */
        public QanSetTraining build() {
            if (loss == null) {
                throw new IllegalArgumentException("loss is null; expected a margin loss (e.g. CosFaceLoss, ArcFaceLoss)");
            }
            QualityTrainingLoop.Settings settings = settings();
            if (setsPerBatch < 2) {
                throw new IllegalArgumentException("setsPerBatch " + setsPerBatch + ": expected >= 2");
            }
            if (framesPerSet < 2) {
                throw new IllegalArgumentException("framesPerSet " + framesPerSet + ": expected >= 2 (a set of one frame has nothing to weight)");
            }
            return new QanSetTraining(this, settings);
        }
    }
}
