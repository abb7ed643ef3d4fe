package io.polyface.train.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.nn.OwnedArrays;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxImporter;
import io.polyface.train.checkpoint.ParameterNames;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a network from an ONNX model of the same architecture at another input size, e.g. a
 * {@code mobilefacenet-y1} student at 64 pixels from a 112-pixel teacher: the file is imported by core's
 * {@link OnnxImporter} into the architecture at the file's own input ({@code sourceSpec}), then every parameter and
 * batch-norm statistic is copied by {@link ParameterNames stable name}. Convolution, batch-norm and linear weights do
 * not depend on the input size; a kernel whose spatial size follows it (the global depthwise convolution) is resampled
 * by {@link KernelResampling} (7×7 → 4×4 keeps each channel's weighted sum).
 */
public final class InputSizeTransfer {

    private InputSizeTransfer() {}

    /**
     * @param onnx the model (its graph must be {@code sourceSpec}'s)
     * @param sourceSpec the target's architecture at the model's input size (same layer names)
     * @param target the initialised network to fill
     * @return one note per resampled kernel (layer, old and new shape)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file does not import as {@code sourceSpec}, or a parameter is missing or
     *     differs in more than its last two (spatial) dimensions
     */
    public static List<String> load(Path onnx, ArchSpec sourceSpec, SpecNetwork target) throws IOException {
        Map<String, Parameter> to = ParameterNames.of(target);
        List<String> notes = new ArrayList<>();
        try (NDManager scratch = NDManager.newBaseManager()) {
            SpecNetwork source = SpecNetwork.builder().setSpec(sourceSpec).build().initialize(scratch);
            OnnxImporter.load(onnx, source);
            Map<String, Parameter> from = ParameterNames.of(source);
            if (!from.keySet().equals(to.keySet())) {
                throw new IllegalArgumentException(onnx + " imports as " + sourceSpec.name() + " whose parameters " + from.keySet()
                        + " are not those of " + target.spec().name() + " " + to.keySet());
            }
            for (Map.Entry<String, Parameter> e : to.entrySet()) {
                NDArray src = from.get(e.getKey()).getArray();
                NDArray dst = e.getValue().getArray();
                float[] values = src.toFloatArray();
                Shape s = src.getShape();
                Shape d = dst.getShape();
                if (!s.equals(d)) {
                    int n = s.dimension();
                    if (n < 3 || n != d.dimension() || !s.slice(0, n - 2).equals(d.slice(0, n - 2))) {
                        throw new IllegalArgumentException(e.getKey() + ": " + onnx + " has " + s + ", " + target.spec().name()
                                + " needs " + d + " (only a kernel's spatial size may differ)");
                    }
                    values = KernelResampling.resample(values, (int) s.get(n - 2), (int) s.get(n - 1), (int) d.get(n - 2), (int) d.get(n - 1));
                    notes.add(e.getKey() + " resampled " + s + " -> " + d + " (area, weighted sum kept)");
                }
                OwnedArrays.assign(dst, values);
            }
        }
        return notes;
    }
}
