package io.polyface.train.loop;

import io.polyface.train.eval.EvaluationResult;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Trainer#train()}.
 *
 * @param steps the steps completed in total (resumed steps included)
 * @param stepsThisRun the steps taken by this call (fewer than the remaining ones when a stop request ended it:
 *     {@code steps} is then below the configured total)
 * @param loss the loss of the last step: this run's, or (a resumed run that had nothing left to train) the one its
 *     checkpoint recorded; NaN if neither is known
 * @param meanLoss the mean loss over the last epoch's steps of this run (or fewer, if the run was shorter)
 * @param accuracy the mean training accuracy over the same steps
 * @param images the images trained on by this run
 * @param seconds the wall time of this run's steps (data waits included, evaluation and checkpoints not)
 * @param imagesPerSecond {@code images / seconds}
 * @param evaluations the last evaluation of each set (empty without evaluation)
 * @param corruptImages images skipped as unreadable (non-strict mode)
 * @param lastCheckpoint the last checkpoint written, or null
 * @param resumedFrom the checkpoint this run resumed from, or null
 */
public record TrainingSummary(long steps, long stepsThisRun, double loss, double meanLoss, double accuracy, long images,
                              double seconds, double imagesPerSecond, List<EvaluationResult> evaluations, long corruptImages,
                              Path lastCheckpoint, Path resumedFrom) {

    /** Copies the list. */
    public TrainingSummary {
        evaluations = List.copyOf(evaluations);
    }
}
