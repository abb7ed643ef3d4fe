package io.polyface.aggregation.video;

import io.polyface.core.image.RgbImage;
import io.polyface.core.pipeline.FaceResult;

/**
 * One frame after alignment.
 *
 * @param crop the aligned crop, of the aligner's output size
 * @param outcome {@link FaceResult.Outcome#DETECTED} when a face was detected and aligned on its
 *     landmarks, {@link FaceResult.Outcome#CENTRE_RESIZED} when the frame's centre was resized instead
 */
public record AlignedFrame(RgbImage crop, FaceResult.Outcome outcome) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a part is null or the outcome is {@code SKIPPED}
     */
    public AlignedFrame {
        if (crop == null || outcome == null || outcome == FaceResult.Outcome.SKIPPED) {
            throw new IllegalArgumentException("an aligned frame needs a crop and the outcome DETECTED or CENTRE_RESIZED, got "
                    + outcome);
        }
    }
}
