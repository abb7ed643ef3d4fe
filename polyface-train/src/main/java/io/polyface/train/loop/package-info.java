/**
 * The training loop: {@link io.polyface.train.loop.TrainingConfig} (a run's settings, immutable),
 * {@link io.polyface.train.loop.Trainer} (one {@link io.polyface.train.loop.Trainer#step()} at a time, or
 * {@link io.polyface.train.loop.Trainer#train()} with evaluation, checkpoints and listeners; resume, fine-tuning,
 * ONNX export), batch-norm recalibration ({@link io.polyface.train.loop.BatchNormRecalibration}), metrics as JSON
 * Lines ({@link io.polyface.train.loop.MetricsLog}), a progress bar
 * ({@link io.polyface.train.loop.ProgressBarListener}) and device parsing ({@link io.polyface.train.loop.Devices}).
 */
package io.polyface.train.loop;
