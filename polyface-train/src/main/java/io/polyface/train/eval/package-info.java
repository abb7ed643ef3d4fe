/**
 * Verification during training: embeddings of held-out identities or InsightFace {@code .bin} pairs
 * ({@link io.polyface.train.eval.NetworkEmbedder}) scored with core's exact TAR@FAR evaluators
 * ({@link io.polyface.train.eval.Verification}).
 */
package io.polyface.train.eval;
