package io.polyface.core.pipeline;

import io.polyface.core.align.FaceAligner;
import io.polyface.core.detect.DetectedFace;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unaligned photos to embeddings: detect ({@link YuNetDetector}) → align the best-scoring face onto the
 * template ({@link FaceAligner}) → embed ({@link FaceEmbedder}, in its batches).
 *
 * <p>When no face is detected, {@link NoFacePolicy#CENTRE_RESIZE} (the default) crops the largest
 * centred region with the model input's aspect ratio and resizes it bilinearly to the input size —
 * a reasonable guess for photos that are already face crops — and reports
 * {@link FaceResult.Outcome#CENTRE_RESIZED}; {@link NoFacePolicy#SKIP} embeds nothing for the photo.
 *
 * <p>The pipeline does not own the detector and embedder: close them yourself. Thread-safe when they are.
 */
public final class FacePipeline {

    /** What to do with a photo in which no face is detected. */
    public enum NoFacePolicy {
        /** Embed the centre of the photo, resized to the model input (counted as {@code CENTRE_RESIZED}). */
        CENTRE_RESIZE,
        /** Embed nothing (reported as {@code SKIPPED}). */
        SKIP
    }

    private final YuNetDetector detector;
    private final FaceEmbedder embedder;
    private final FaceAligner aligner;
    private final NoFacePolicy noFacePolicy;

    private FacePipeline(YuNetDetector detector, FaceEmbedder embedder, FaceAligner aligner, NoFacePolicy noFacePolicy) {
        this.detector = detector;
        this.embedder = embedder;
        this.aligner = aligner;
        this.noFacePolicy = noFacePolicy;
    }

    /** @return a builder; detector and embedder are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes photos.
     *
     * @param photos unaligned photos of any size
     * @return one result per photo, in order
     * @throws IllegalStateException if the detector or embedder is closed or fails
     */
    public List<FaceResult> embed(List<RgbImage> photos) {
        List<RgbImage> crops = new ArrayList<>();
        List<Integer> cropOwner = new ArrayList<>();
        FaceResult.Outcome[] outcomes = new FaceResult.Outcome[photos.size()];
        List<Optional<DetectedFace>> faces = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            RgbImage photo = photos.get(i);
            List<DetectedFace> found = detector.detect(photo);
            if (!found.isEmpty()) {
                DetectedFace best = found.get(0);
                crops.add(aligner.align(photo, best.landmarks()));
                cropOwner.add(i);
                outcomes[i] = FaceResult.Outcome.DETECTED;
                faces.add(Optional.of(best));
            } else if (noFacePolicy == NoFacePolicy.CENTRE_RESIZE) {
                crops.add(centreResize(photo, aligner.width(), aligner.height()));
                cropOwner.add(i);
                outcomes[i] = FaceResult.Outcome.CENTRE_RESIZED;
                faces.add(Optional.empty());
            } else {
                outcomes[i] = FaceResult.Outcome.SKIPPED;
                faces.add(Optional.empty());
            }
        }
        float[][] embeddings = embedder.embed(crops);
        List<Optional<float[]>> byPhoto = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            byPhoto.add(Optional.empty());
        }
        for (int k = 0; k < crops.size(); k++) {
            byPhoto.set(cropOwner.get(k), Optional.of(embeddings[k]));
        }
        List<FaceResult> results = new ArrayList<>(photos.size());
        for (int i = 0; i < photos.size(); i++) {
            results.add(new FaceResult(outcomes[i], faces.get(i), byPhoto.get(i)));
        }
        return results;
    }

    /**
     * The fallback crop: the largest centred region with the aspect ratio {@code width : height},
     * resized bilinearly to {@code width × height}.
     *
     * @param photo the photo
     * @param width output width
     * @param height output height
     * @return the crop
     */
    public static RgbImage centreResize(RgbImage photo, int width, int height) {
        double target = (double) width / height;
        int cw = photo.width();
        int ch = photo.height();
        if ((double) cw / ch > target) {
            cw = (int) Math.max(1, Math.round(ch * target));
        } else {
            ch = (int) Math.max(1, Math.round(cw / target));
        }
        return photo.crop((photo.width() - cw) / 2, (photo.height() - ch) / 2, cw, ch).resize(width, height);
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private YuNetDetector detector;
        private FaceEmbedder embedder;
        private FaceAligner aligner;
        private NoFacePolicy noFacePolicy = NoFacePolicy.CENTRE_RESIZE;

        private Builder() {}

        /**
         * @param detector the face detector
         * @return this builder
         */
        public Builder setDetector(YuNetDetector detector) {
            this.detector = detector;
            return this;
        }

        /**
         * @param embedder the embedding model
         * @return this builder
         */
        public Builder setEmbedder(FaceEmbedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /**
         * @param aligner the aligner; its output size must equal the embedder's input size. Default: the
         *     ArcFace template, scaled by {@code S / 112} for a square {@code S×S} input (InsightFace's
         *     {@code norm_crop} rule)
         * @return this builder
         */
        public Builder optAligner(FaceAligner aligner) {
            this.aligner = aligner;
            return this;
        }

        /**
         * @param noFacePolicy what to do when no face is detected; default {@link NoFacePolicy#CENTRE_RESIZE}
         * @return this builder
         */
        public Builder optNoFacePolicy(NoFacePolicy noFacePolicy) {
            this.noFacePolicy = noFacePolicy;
            return this;
        }

        /**
         * @return the pipeline
         * @throws IllegalArgumentException if the detector or embedder is missing, the policy is null, no
         *     default aligner exists for a non-square input, or the aligner's size differs from the model's input
         */
        public FacePipeline build() {
            if (detector == null || embedder == null) {
                throw new IllegalArgumentException("FacePipeline needs a detector and an embedder");
            }
            if (noFacePolicy == null) {
                throw new IllegalArgumentException("noFacePolicy is null");
            }
            Preprocessing p = embedder.preprocessing();
            FaceAligner a = aligner;
            if (a == null) {
                if (p.inputWidth() != p.inputHeight()) {
                    throw new IllegalArgumentException("the model input is " + p.inputWidth() + "x" + p.inputHeight()
                            + " (not square): give an aligner with optAligner");
                }
                a = FaceAligner.arcFace(p.inputWidth());
            }
            if (a.width() != p.inputWidth() || a.height() != p.inputHeight()) {
                throw new IllegalArgumentException("aligner output " + a.width() + "x" + a.height() + " differs from the model input "
                        + p.inputWidth() + "x" + p.inputHeight());
            }
            return new FacePipeline(detector, embedder, a, noFacePolicy);
        }
    }
}
