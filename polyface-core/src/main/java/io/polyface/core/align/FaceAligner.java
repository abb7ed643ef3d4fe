package io.polyface.core.align;

import io.polyface.core.image.AffineWarp;
import io.polyface.core.image.RgbImage;

/**
 * Five-point face alignment: the least-squares similarity transform from the detected landmarks to
 * a template ({@link SimilarityTransform#estimate}), then a bilinear warp into the template's frame
 * ({@link AffineWarp}, constant black border). With {@link #arcFace()} this is the InsightFace/ArcFace
 * preprocessing ({@code norm_crop}) that produces 112×112 training and test crops.
 *
 * <p>Immutable and thread-safe.
 */
public final class FaceAligner {

    /**
     * The 112×112 ArcFace template (../shared/spec/aggregation-and-evaluation.md, "Alignment"), in
     * the order of {@link Landmarks}: left eye, right eye, nose tip, left and right mouth corners.
     */
    public static final Landmarks ARCFACE_TEMPLATE = Landmarks.of(
            38.2946, 51.6963,
            73.5318, 51.5014,
            56.0252, 71.7366,
            41.5493, 92.3655,
            70.7299, 92.2041);

    private static final FaceAligner ARCFACE = new FaceAligner(ARCFACE_TEMPLATE, 112, 112);

    private final Landmarks template;
    private final int width;
    private final int height;

    /**
     * An aligner for any template and output size.
     *
     * @param template target landmark positions in the output crop
     * @param width output width, ≥ 1
     * @param height output height, ≥ 1
     * @throws IllegalArgumentException if a size is not positive or the template has fewer than 2 points
     */
    public FaceAligner(Landmarks template, int width, int height) {
        if (template == null || template.size() < 2) {
            throw new IllegalArgumentException("alignment template: expected at least 2 points, got " + template);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("alignment output size " + width + "x" + height + ": must be >= 1x1");
        }
        this.template = template;
        this.width = width;
        this.height = height;
    }

    /** @return the aligner onto the 112×112 ArcFace template */
    public static FaceAligner arcFace() {
        return ARCFACE;
    }

    /**
     * The ArcFace template scaled to a square crop of any size ({@code S / 112}; InsightFace's
     * {@code norm_crop} rule).
     *
     * @param size the crop's side in pixels, {@code >= 1}
     * @return {@link #arcFace()} for 112, else the scaled aligner
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static FaceAligner arcFace(int size) {
        if (size == 112) {
            return ARCFACE;
        }
        if (size < 1) {
            throw new IllegalArgumentException("alignment output size " + size + ": must be >= 1");
        }
        double[] xy = ARCFACE_TEMPLATE.xy();
        for (int i = 0; i < xy.length; i++) {
            xy[i] *= size / 112.0;
        }
        return new FaceAligner(Landmarks.of(xy), size, size);
    }

    /** @return the template */
    public Landmarks template() {
        return template;
    }

    /** @return output width in pixels */
    public int width() {
        return width;
    }

    /** @return output height in pixels */
    public int height() {
        return height;
    }

    /**
     * The transform from image coordinates to the aligned crop.
     *
     * @param landmarks the face's landmarks in the image, as many as the template has
     * @return the least-squares similarity transform
     * @throws IllegalArgumentException if the count differs from the template's or the points coincide
     */
    public SimilarityTransform transform(Landmarks landmarks) {
        return SimilarityTransform.estimate(landmarks, template);
    }

    /**
     * Aligns a face.
     *
     * @param image the photo
     * @param landmarks the face's landmarks in the photo
     * @return the {@code width×height} aligned crop
     * @throws IllegalArgumentException as {@link #transform}
     */
    public RgbImage align(RgbImage image, Landmarks landmarks) {
        return AffineWarp.warp(image, transform(landmarks).toAffine(), width, height);
    }
}
