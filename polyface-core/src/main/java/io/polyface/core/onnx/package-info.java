/**
 * ONNX export and import of spec-built networks.
 *
 * <p>{@link io.polyface.core.onnx.OnnxExporter} walks a network's inference spec (one case per node type, like the
 * DJL block factory and the FLOPs counter) and writes an ONNX model (IR 8, opset 17) with the network's current
 * DJL parameters, a dynamic batch dimension and {@link io.polyface.core.onnx.ModelMetadata} describing the
 * preprocessing. {@link io.polyface.core.onnx.OnnxImporter} loads an ONNX model's weights back into a spec-built
 * network: by tensor name for PolyFace exports, by graph structure for foreign files (e.g. InsightFace models).
 *
 * <p>The ONNX protobuf messages ({@code io.polyface.core.onnx.proto.Onnx}) are generated at build time by protoc
 * from {@code src/main/proto/onnx.proto}, a subset of the official ONNX schema with its field numbers.
 */
package io.polyface.core.onnx;
