package io.polyface.train.distill;

import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.loop.TrainingSummary;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DistillationRun} did.
 *
 * @param summary the student's training summary
 * @param model the exported student ({@code model.onnx}), or null when the run was stopped early
 * @param student held-out all-pairs verification of the exported student through ONNX Runtime, or null without held-out
 *     identities (or when stopped)
 * @param teacher the teacher on the same images and pairs, or null likewise
 * @param studentFlops the student's FLOPs by the LFR rule (multiply-adds counted as 2)
 * @param noFace training images where no face was found (left out; empty without alignment)
 * @param counts image and identity counts of the split
 * @param objective the distillation terms ({@link DistillationObjective#describe()})
 */
public record DistillationResult(TrainingSummary summary, Path model, EvaluationResult student, EvaluationResult teacher,
                                 long studentFlops, List<String> noFace, Map<String, Object> counts, Map<String, Object> objective) {

    /** Copies the collections. */
    public DistillationResult {
        noFace = List.copyOf(noFace);
        counts = Map.copyOf(counts);
        objective = Map.copyOf(objective);
    }
}
