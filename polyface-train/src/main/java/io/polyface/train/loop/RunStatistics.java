package io.polyface.train.loop;

import io.polyface.train.eval.EvaluationResult;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The running figures of a trainer's steps in this process: the last step, the steps of the last epoch
 * (at most {@value #RECENT_STEPS_KEPT}) for the mean loss and accuracy, and this run's images, seconds and
 * steps — what {@link TrainingSummary} reports.
 */
final class RunStatistics {

    private static final int RECENT_STEPS_KEPT = 10_000;

    private final Deque<StepResult> recent = new ArrayDeque<>();
    private final int stepsPerEpoch;
    private final double resumedLoss;
    private StepResult lastStep;
    private long images;
    private double seconds;
    private long steps;

    /**
     * @param stepsPerEpoch the steps of one epoch (the window of the means)
     * @param resumedLoss the loss the resumed checkpoint recorded (NaN if none): the summary's loss until a step is taken
     */
    RunStatistics(int stepsPerEpoch, double resumedLoss) {
        this.stepsPerEpoch = stepsPerEpoch;
        this.resumedLoss = resumedLoss;
    }

    void record(StepResult r) {
        lastStep = r;
        images += r.images();
        seconds += r.seconds();
        steps++;
        recent.addLast(r);
        if (recent.size() > Math.min(RECENT_STEPS_KEPT, stepsPerEpoch)) {
            recent.removeFirst();
        }
    }

    /** @return the last step of this run, or null */
    StepResult lastStep() {
        return lastStep;
    }

    /** @return the steps taken in this process */
    long steps() {
        return steps;
    }

    TrainingSummary summary(long step, List<EvaluationResult> evaluations, long corruptImages, Path lastCheckpoint, Path resumedFrom) {
        double meanLoss = recent.stream().mapToDouble(StepResult::loss).average().orElse(Double.NaN);
        double meanAccuracy = recent.stream().mapToDouble(StepResult::accuracy).average().orElse(Double.NaN);
        double lastLoss = lastStep != null ? lastStep.loss() : resumedLoss;
        return new TrainingSummary(step, steps, lastLoss, meanLoss, meanAccuracy, images, seconds, seconds > 0 ? images / seconds : 0,
                evaluations, corruptImages, lastCheckpoint, resumedFrom);
    }
}
