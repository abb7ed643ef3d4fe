package io.polyface.aggregation.ijb;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.IjbTemplate;
import io.polyface.core.eval.NearestRocPoint;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.eval.ijb.IjbProtocol;
import io.polyface.core.eval.ijb.TemplateFeatures;
import io.polyface.core.eval.ijb.TemplateIdentification;
import io.polyface.core.eval.ijb.TemplatePairScorer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The IJB-B/C protocol from image features to figures, for one or more template rules side by side (each
 * sees the same image features): templates ({@link ProtocolTemplates}), 1:1 verification of every listed
 * pair ({@link TemplatePairScorer}: exact TAR at each target FAR, the InsightFace-compatible nearest ROC point
 * beside it, the ROC), and 1:N identification against each gallery and their mean
 * ({@link TemplateIdentification}).
 *
 * <pre>{@code
 * IjbProtocol protocol = IjbProtocol.read(new IjbLayout(root, IjbDataset.IJBC));
 * ImageFeatures images = new ProtocolImageEmbedder(embedder, null).embed(protocol, null);
 * IjbResult r = IjbEvaluation.builder().build().evaluate(protocol, images);
 * }</pre>
 */
public final class IjbEvaluation {

    /** The target FARs IJB-B/C 1:1 results are reported at. */
    public static final List<Double> DEFAULT_FARS = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1);

    private final List<Aggregator> aggregators;
    private final boolean normalizeImages;
    private final List<Double> targetFars;
    private final List<Double> targetFpirs;
    private final TemplatePairScorer scorer;
    private final Consumer<String> log;

    private IjbEvaluation(Builder b) {
        this.aggregators = List.copyOf(b.aggregators);
        this.normalizeImages = b.normalizeImages;
        this.targetFars = List.copyOf(b.targetFars);
        this.targetFpirs = List.copyOf(b.targetFpirs);
        this.scorer = b.scorer;
        this.log = b.log;
    }

    /**
     * Returns a builder with InsightFace's defaults: the IJB rule with detector-score weighting (media means
     * summed, L2-normalised) on the raw embeddings (norm score kept), FARs {@link #DEFAULT_FARS}, FPIRs
     * {@link TemplateIdentification#DEFAULT_FPIRS}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default template rule: {@code IjbTemplate} with detector-score (faceness) weighting, L2-normalised.
     *
     * @return a new aggregator
     */
    public static IjbTemplate insightFaceRule() {
        return IjbTemplate.builder().optFacenessWeighting(true).build();
    }

    /**
     * Evaluates.
     *
     * @param protocol the protocol
     * @param images the features of its image rows
     * @return the result, one entry per template rule
     * @throws IllegalArgumentException if a template rule fails, the pair list has no genuine or no impostor
     *     pair among the scored ones, or a 1:N list names an unknown template (naming the file)
     * @throws IOException if the pair list is malformed or cannot be read
     */
    public IjbResult evaluate(IjbProtocol protocol, ImageFeatures images) throws IOException {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(images, "images");
        List<IjbResult.MethodResult> methods = new ArrayList<>();
        String source = protocol.layout().faceTidMid().toString();
        for (Aggregator a : aggregators) {
            String name = a.method().cliName();
            log("building " + name + " templates");
            TemplateFeatures templates = ProtocolTemplates.build(protocol.images(), images, a, normalizeImages, source);
            log(name + ": " + templates.size() + " templates (" + templates.emptyCount() + " without an image); scoring "
                    + protocol.layout().templatePairLabel().getFileName());
            TemplatePairScorer.Result pairs = scorer.score(protocol.layout().templatePairLabel(), templates);
            VerificationResult verification = pairs.scores().evaluate(targetFars);
            List<NearestRocPoint> nearest = pairs.scores().nearestRocPoints(targetFars);
            log(name + ": 1:N search");
            List<TemplateIdentification.GalleryResult> galleries = new ArrayList<>();
            for (int g = 1; g <= 2; g++) {
                String gallery = protocol.layout().dataset().galleryName(g);
                try {
                    galleries.add(TemplateIdentification.evaluate(gallery, templates, g == 1 ? protocol.gallery1() : protocol.gallery2(),
                            protocol.probes(), targetFpirs));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(protocol.layout().gallery(g) + " with " + protocol.layout().probeMixed().getFileName()
                            + ": " + e.getMessage(), e);
                }
            }
            methods.add(new IjbResult.MethodResult(name, a.toString(), normalizeImages, templates.size(), templates.emptyCount(),
                    pairs.pairs(), pairs.skipped(), verification, nearest, galleries, TemplateIdentification.mean(galleries)));
        }
        return new IjbResult(protocol.layout(), protocol.images().size(), images.notEmbedded(), methods);
    }

    private void log(String message) {
        if (log != null) {
            log.accept(message);
        }
    }

    /** Builds an {@link IjbEvaluation}. */
    public static final class Builder {
        private List<Aggregator> aggregators = List.of(insightFaceRule());
        private boolean normalizeImages;
        private List<Double> targetFars = DEFAULT_FARS;
        private List<Double> targetFpirs = TemplateIdentification.DEFAULT_FPIRS;
        private TemplatePairScorer scorer = TemplatePairScorer.builder().build();
        private Consumer<String> log;

        private Builder() {}

        /**
         * @param aggregators the template rules, evaluated side by side (the first is the primary one), at least one
         * @return this builder
         */
        public Builder optAggregators(List<Aggregator> aggregators) {
            this.aggregators = List.copyOf(aggregators);
            return this;
        }

        /**
         * @param normalizeImages whether image features are L2-normalised before aggregation (InsightFace's
         *     norm-score mode off); default false (the embedding norm weights the image)
         * @return this builder
         */
        public Builder optNormalizeImages(boolean normalizeImages) {
            this.normalizeImages = normalizeImages;
            return this;
        }

        /**
         * @param targetFars 1:1 target FARs, each {@code 0 < far < 1}, at least one
         * @return this builder
         */
        public Builder optTargetFars(List<Double> targetFars) {
            this.targetFars = List.copyOf(targetFars);
            return this;
        }

        /**
         * @param targetFpirs 1:N target FPIRs, each {@code 0 < fpir < 1}, at least one
         * @return this builder
         */
        public Builder optTargetFpirs(List<Double> targetFpirs) {
            this.targetFpirs = List.copyOf(targetFpirs);
            return this;
        }

        /**
         * @param scorer the 1:1 pair scorer (its chunking and progress)
         * @return this builder
         */
        public Builder optPairScorer(TemplatePairScorer scorer) {
            this.scorer = Objects.requireNonNull(scorer, "scorer");
            return this;
        }

        /**
         * @param log receives one line per step, or null
         * @return this builder
         */
        public Builder optLog(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the evaluation
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public IjbEvaluation build() {
            if (aggregators.isEmpty()) {
                throw new IllegalArgumentException("aggregators is empty; expected at least one template rule");
            }
            for (List<Double> l : List.of(targetFars, targetFpirs)) {
                if (l.isEmpty()) {
                    throw new IllegalArgumentException((l == targetFars ? "targetFars" : "targetFpirs") + " is empty; expected at least one target");
                }
                for (double v : l) {
                    if (!(v > 0 && v < 1)) {
                        throw new IllegalArgumentException((l == targetFars ? "target FAR" : "target FPIR") + " = " + v + ", expected 0 < value < 1");
                    }
                }
            }
            return new IjbEvaluation(this);
        }
    }
}
