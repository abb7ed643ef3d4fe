/**
 * Per-frame quality scores for quality-aware aggregation: {@link
 * io.polyface.aggregation.quality.QualityScorer} runs an exported quality network (the {@code
 * qan-quality} preset of {@code shared/spec/architectures.md}) with ONNX Runtime on aligned frames.
 * Training such a network is in {@code polyface-train} ({@code io.polyface.train.quality}).
 */
package io.polyface.aggregation.quality;
