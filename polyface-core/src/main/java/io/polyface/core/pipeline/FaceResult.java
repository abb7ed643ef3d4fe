package io.polyface.core.pipeline;

import io.polyface.core.detect.DetectedFace;

import java.util.Optional;

/**
 * What {@link FacePipeline} made of one photo.
 *
 * @param outcome whether a face was found, and what was done otherwise
 * @param face the detected face that was aligned and embedded (empty when none was found)
 * @param embedding the {@code [D]} embedding (empty when the photo was skipped)
 */
public record FaceResult(Outcome outcome, Optional<DetectedFace> face, Optional<float[]> embedding) {

    /** How a photo was handled. */
    public enum Outcome {
        /** A face was detected; the best-scoring one was aligned and embedded. */
        DETECTED,
        /** No face was detected; the photo's centre was resized to the model input and embedded. */
        CENTRE_RESIZED,
        /** No face was detected; no embedding (policy {@link FacePipeline.NoFacePolicy#SKIP}). */
        SKIPPED
    }

    /** @throws IllegalArgumentException if the parts contradict the outcome */
    public FaceResult {
        if (outcome == null || face == null || embedding == null) {
            throw new IllegalArgumentException("outcome, face and embedding must not be null (use Optional.empty())");
        }
        if ((outcome == Outcome.DETECTED) != face.isPresent() || (outcome == Outcome.SKIPPED) == embedding.isPresent()) {
            throw new IllegalArgumentException("face result " + outcome + " with face " + face.isPresent()
                    + " and embedding " + embedding.isPresent() + " is inconsistent");
        }
    }
}
