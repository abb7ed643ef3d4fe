package io.polyface.aggregation.video;

import io.polyface.aggregation.track.Track;
import io.polyface.core.align.FaceAligner;
import io.polyface.core.detect.DetectedFace;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.pipeline.FacePipeline;
import io.polyface.core.pipeline.FaceResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames to aligned crops, as core's {@link FacePipeline} aligns photos, but keeping the crops (the
 * embedding network and the quality network both need them): detect with {@link YuNetDetector}, align
 * the best-scoring face onto the template with {@link FaceAligner}; when no face is detected, or when
 * no detector is configured, crop the centre of the frame and resize it
 * ({@link FacePipeline#centreResize}). Without a detector every frame is centre-resized — the faster
 * choice for frames that are already roughly centred face crops (such as tracks made from ORL stills).
 *
 * <p>Thread-safe when the detector is; does not own (close) the detector.
 */
public final class FrameAligner {

    private final YuNetDetector detector;
    private final FaceAligner aligner;

    private FrameAligner(Builder b) {
        this.detector = b.detector;
        this.aligner = b.aligner;
    }

    /**
     * Starts a builder: no detector (centre resize), the 112×112 ArcFace template.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Aligns one frame.
     *
     * @param frame the frame, any size
     * @return the crop and how it was made
     * @throws IllegalStateException if the detector is closed or fails
     */
    public AlignedFrame align(RgbImage frame) {
        if (detector != null) {
            List<DetectedFace> faces = detector.detect(frame);
            if (!faces.isEmpty()) {
                return new AlignedFrame(aligner.align(frame, faces.get(0).landmarks()), FaceResult.Outcome.DETECTED);
            }
        }
        return new AlignedFrame(FacePipeline.centreResize(frame, aligner.width(), aligner.height()),
                FaceResult.Outcome.CENTRE_RESIZED);
    }

    /**
     * Reads and aligns every frame of a track.
     *
     * @param track the track
     * @return one aligned frame per frame file, in frame order
     * @throws IOException if a frame cannot be read or decoded (naming the file)
     * @throws IllegalStateException if the detector is closed or fails
     */
    public List<AlignedFrame> align(Track track) throws IOException {
        List<AlignedFrame> out = new ArrayList<>(track.size());
        for (Path f : track.frames()) {
            out.add(align(ImageDecoder.read(f)));
        }
        return out;
    }

    /**
     * The crop width.
     *
     * @return the aligner's output width in pixels
     */
    public int width() {
        return aligner.width();
    }

    /**
     * The crop height.
     *
     * @return the aligner's output height in pixels
     */
    public int height() {
        return aligner.height();
    }

    /**
     * Whether faces are detected (otherwise every frame is centre-resized).
     *
     * @return true when a detector is configured
     */
    public boolean detects() {
        return detector != null;
    }

    /** Builder. */
    public static final class Builder {
        private YuNetDetector detector;
        private FaceAligner aligner = FaceAligner.arcFace();

        private Builder() {}

        /**
         * @param detector the face detector, or null (the default) to centre-resize every frame
         * @return this builder
         */
        public Builder optDetector(YuNetDetector detector) {
            this.detector = detector;
            return this;
        }

        /**
         * @param aligner the template and crop size; default {@link FaceAligner#arcFace()} (112×112)
         * @return this builder
         */
        public Builder optAligner(FaceAligner aligner) {
            this.aligner = aligner;
            return this;
        }

        /**
         * @return the frame aligner
         * @throws IllegalArgumentException if the aligner is null
         */
        public FrameAligner build() {
            if (aligner == null) {
                throw new IllegalArgumentException("aligner is null; expected a FaceAligner (default: the ArcFace template)");
            }
            return new FrameAligner(this);
        }
    }
}
