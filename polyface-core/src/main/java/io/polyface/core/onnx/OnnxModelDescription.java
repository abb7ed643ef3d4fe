package io.polyface.core.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.embed.KnownModels;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.io.FileDigests;
import io.polyface.core.ort.OrtSessions;
import io.polyface.core.util.OrderedMaps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an ONNX model says about itself, as an ordered map ready for JSON or text: its file (size, SHA-256), producer,
 * inputs and outputs (name, element type, shape; {@code -1} for a dynamic dimension), preprocessing and where it comes
 * from ({@code "metadata"}, {@code "known model"} by SHA-256, or {@code "none"}: it must then be stated), embedding size,
 * architecture (name), FLOPs with their convention (the last three from {@link ModelMetadata} for a PolyFace export),
 * resize rule, the run provenance ({@code polyface.provenance}: recipe, seed, data identity, code version, start, end,
 * steps) when the model has one, the training summary keys present, and every metadata key.
 */
public final class OnnxModelDescription {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OnnxModelDescription() {}

    /**
     * @param model an {@code .onnx} file
     * @return its description
     * @throws NoSuchFileException if the file is missing
     * @throws IOException if ONNX Runtime cannot load it
     */
    public static Map<String, Object> describe(Path model) throws IOException {
        if (!Files.exists(model)) {
            throw new NoSuchFileException(model.toString(), null, "expected an ONNX model or a checkpoint folder");
        }
        Map<String, Object> d = OrderedMaps.of("kind", "onnx model", "file", model.toString(),
                "bytes", Files.size(model));
        String sha256 = FileDigests.sha256(model);
        d.put("sha256", sha256);
        try (OrtSession s = OrtSessions.open(model, 1)) {
            d.put("producer", s.getMetadata().getProducerName());
            d.put("inputs", tensors(s.getInputInfo()));
            d.put("outputs", tensors(s.getOutputInfo()));
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            Optional<Preprocessing> own = Preprocessing.fromMetadata(meta, model.toString());
            Optional<KnownModels.KnownModel> known = own.isPresent() ? Optional.empty() : KnownModels.bySha256(sha256);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("source", own.isPresent() ? "metadata" : known.isPresent() ? "known model (" + known.get().name() + ", by SHA-256)"
                    : "none: state it, or stamp it with --set-preprocessing");
            own.or(() -> known.map(KnownModels.KnownModel::preprocessing)).ifPresent(pre -> {
                p.put("input_size", List.of(pre.inputHeight(), pre.inputWidth()));
                p.put("channel_order", pre.normalization().channelOrder().name());
                p.put("mean", floats(pre.normalization().mean()));
                p.put("std", floats(pre.normalization().std()));
                p.put("rule", pre.describe());
            });
            d.put("preprocessing", p);
            ModelMetadata typed = meta.containsKey(ModelMetadata.ARCH) ? modelMetadata(meta, model, d) : null;
            d.put("embedding_size", typed == null ? null : typed.embeddingSize());
            d.put("architecture", typed == null ? null : typed.architecture().name());
            d.put("flops", typed == null ? null : typed.flops());
            d.put("flops_convention", typed == null ? null : typed.flopsConvention().id());
            d.put("resize", json(meta.get("polyface.resize")));
            d.put("provenance", json(meta.get("polyface.provenance")));
            JsonNode training = json(meta.get("polyface.training"));
            List<String> provenance = new ArrayList<>();
            if (training != null) {
                training.fieldNames().forEachRemaining(provenance::add);
            }
            d.put("training_provenance_keys", provenance);
            d.put("metadata_keys", new ArrayList<>(new java.util.TreeSet<>(meta.keySet())));
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot read " + model + ": " + e.getMessage(), e);
        }
        return d;
    }

    private static List<Map<String, Object>> tensors(Map<String, NodeInfo> infos) {
        List<Map<String, Object>> out = new ArrayList<>();
        infos.forEach((name, info) -> {
            Map<String, Object> t = OrderedMaps.of("name", name);
            if (info.getInfo() instanceof TensorInfo ti) {
                t.put("type", ti.type.toString().toLowerCase(java.util.Locale.ROOT));
                t.put("shape", Arrays.stream(ti.getShape()).boxed().toList());
            } else {
                t.put("type", info.getInfo().toString());
            }
            out.add(t);
        });
        return out;
    }

    /** The typed metadata of a PolyFace export; null, with the reason under "model_metadata_error", if unreadable. */
    private static ModelMetadata modelMetadata(Map<String, String> meta, Path model, Map<String, Object> d) {
        try {
            return ModelMetadata.fromMap(meta, model.toString());
        } catch (IllegalArgumentException e) {
            d.put("model_metadata_error", e.getMessage());
            return null;
        }
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static List<Double> floats(float[] v) {
        List<Double> out = new ArrayList<>();
        for (float x : v) {
            out.add((double) x);
        }
        return out;
    }
}
