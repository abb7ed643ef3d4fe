/**
 * Typed provenance of a training run ({@link io.polyface.train.provenance.RunProvenance}: recipe, seed, data identity
 * by content hash, code version, start and end, steps) and its JSON form, stored in checkpoints and ONNX exports.
 * The model's own metadata (preprocessing, architecture, FLOPs, embedding size) is core's
 * {@link io.polyface.core.onnx.ModelMetadata}.
 */
package io.polyface.train.provenance;
