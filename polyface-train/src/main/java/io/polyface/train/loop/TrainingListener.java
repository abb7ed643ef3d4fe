package io.polyface.train.loop;

import io.polyface.train.eval.EvaluationResult;

import java.nio.file.Path;

/** Receives the events of {@link Trainer#train()}; every method defaults to nothing. */
public interface TrainingListener {

    /**
     * Called after every step.
     *
     * @param result the step's figures
     */
    default void onStep(StepResult result) {}

    /**
     * Called after every evaluation.
     *
     * @param result the evaluation
     */
    default void onEvaluation(EvaluationResult result) {}

    /**
     * Called after a checkpoint is in place.
     *
     * @param step the steps completed
     * @param directory the checkpoint folder
     */
    default void onCheckpoint(long step, Path directory) {}

    /**
     * Called once when the run ends normally.
     *
     * @param summary the run's summary
     */
    default void onEnd(TrainingSummary summary) {}
}
