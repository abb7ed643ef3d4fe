package io.polyface.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * Where a training run's typed provenance comes from ({@code io.polyface.train.provenance.RunProvenance}, which
 * implements it): the loop asks it for the provenance of the weights at a step and stores the JSON tree in each
 * checkpoint's {@code metadata.json} (under {@code provenance.}{@value #KEY}) and in the exported model's ONNX
 * metadata. The loop sees only this interface, so that it does not depend on the recipe the provenance carries
 * (the recipe package builds the loop's configuration: a typed field here would be a package cycle).
 */
@FunctionalInterface
public interface ProvenanceSource {

    /** Key of the run provenance inside {@link CheckpointMetadata#provenance()}. */
    String KEY = "run";

    /**
     * @param steps the steps the weights were trained for
     * @param time when the weights were taken (the end of the run for a final checkpoint or model)
     * @return the provenance as its JSON tree
     */
    JsonNode at(long steps, Instant time);
}
