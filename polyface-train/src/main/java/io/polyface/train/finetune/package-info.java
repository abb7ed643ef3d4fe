/**
 * Anchor fine-tuning: class centres initialised from class-mean embeddings of a trained backbone
 * ({@link io.polyface.train.finetune.AnchorCentres}), then training with a lower backbone learning rate
 * ({@code Trainer.Builder.optInitialModel}, {@code optAnchorCentres}, {@code TrainingConfig}'s backbone
 * multiplier).
 */
package io.polyface.train.finetune;
