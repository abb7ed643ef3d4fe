/**
 * Export of trained models: ONNX through core's exporter, with the training resize rule and provenance
 * in the model's metadata ({@link io.polyface.train.export.OnnxModelExport}).
 */
package io.polyface.train.export;
