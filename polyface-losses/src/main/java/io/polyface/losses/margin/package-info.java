/**
 * ArcNegFace and the margin-loss family as DJL {@link ai.djl.training.loss.Loss} implementations:
 * each consumes {@code (labels [B], cosine [B, C])} from {@link io.polyface.losses.head.MarginHead}
 * and computes label-smoothed softmax cross-entropy over its margin logits
 * ({@link io.polyface.losses.margin.MarginLoss}); {@link io.polyface.losses.margin.MarginLosses}
 * creates them by name. Definitions: ../shared/spec/losses.md.
 */
package io.polyface.losses.margin;
