package io.polyface.train.loop;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.train.data.LabelMap;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.memory.MemoryPlan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a checkpoint's metadata is made of ({@link RunMetadata#describe}), taken from a trainer at
 * one moment: its configuration, where the run stands and what it was started from.
 *
 * @param config the run's configuration
 * @param step the steps completed
 * @param stepsPerEpoch the steps of one epoch
 * @param data the training set's description
 * @param images the training images
 * @param labels the training label map (its size is the class count)
 * @param heldOut the held-out set's description, or null
 * @param memoryPlan the classifier's memory plan
 * @param corruptImages images skipped as unreadable so far
 * @param fineTuning what the run was initialised from (initial model, anchor centres; empty if nothing)
 * @param resumedFrom the checkpoint this run resumed from, or null
 * @param lastStep the last step of this process, or null
 * @param evaluations the latest evaluation of each set
 * @param lossState the margin loss's running state (e.g. CurricularFace's {@code t})
 * @param schedule the learning-rate schedule's description
 * @param runProvenance the typed run provenance's JSON at this step ({@link io.polyface.train.checkpoint.ProvenanceSource}), or null
 */
record RunSnapshot(TrainingConfig config, long step, int stepsPerEpoch, String data, int images, LabelMap labels, String heldOut,
                   MemoryPlan memoryPlan, long corruptImages, Map<String, Object> fineTuning, Path resumedFrom, StepResult lastStep,
                   List<EvaluationResult> evaluations, Map<String, Double> lossState, Map<String, Object> schedule,
                   JsonNode runProvenance) {

    /** Copies the collections. */
    RunSnapshot {
        fineTuning = new LinkedHashMap<>(fineTuning);
        evaluations = List.copyOf(evaluations);
    }
}
