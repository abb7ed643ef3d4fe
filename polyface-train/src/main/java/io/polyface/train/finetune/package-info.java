/**
 * Anchor fine-tuning: class centres initialised from class-mean embeddings of a trained backbone
 * ({@link io.polyface.train.finetune.AnchorCentres}), then training with a lower backbone learning rate
 * ({@link io.polyface.train.finetune.InitialBackbone}, {@code TrainerBuilder.optInitialModel}, {@code optAnchorCentres}, {@code TrainingConfig}'s backbone
 * multiplier).
 */
package io.polyface.train.finetune;
