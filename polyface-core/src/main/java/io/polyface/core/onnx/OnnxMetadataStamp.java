package io.polyface.core.onnx;

import io.polyface.core.embed.KnownModels;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.FileDigests;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.StringStringEntryProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a copy of an ONNX model with its preprocessing stamped into {@code metadata_props} (the {@code polyface.*}
 * keys of {@link Preprocessing#toMetadata()}), so that a foreign model states it once instead of on every command.
 * The graph and weights are copied unchanged.
 */
public final class OnnxMetadataStamp {

    private OnnxMetadataStamp() {}

    /**
     * Stamps the preprocessing.
     *
     * @param model the {@code .onnx} file
     * @param preprocessing the preprocessing to record
     * @param out the model to write (atomically; may be {@code model} itself)
     * @throws NoSuchFileException if the model is missing
     * @throws IOException if it cannot be read or is not an ONNX model, or the copy cannot be written
     * @throws IllegalArgumentException if the model already records another preprocessing, or is a known model whose
     *     preprocessing differs (naming the values)
     */
    public static void withPreprocessing(Path model, Preprocessing preprocessing, Path out) throws IOException {
        if (!Files.exists(model)) {
            throw new NoSuchFileException(model.toString(), null, "expected an ONNX model");
        }
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(Files.readAllBytes(model));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(model + " is not an ONNX model: " + e.getMessage(), e);
        }
        Map<String, String> existing = new LinkedHashMap<>();
        for (StringStringEntryProto e : proto.getMetadataPropsList()) {
            existing.put(e.getKey(), e.getValue());
        }
        Optional<Preprocessing> own = Preprocessing.fromMetadata(existing, model.toString());
        Optional<KnownModels.KnownModel> known = own.isPresent() ? Optional.empty() : KnownModels.bySha256(FileDigests.sha256(model));
        Optional<Preprocessing> truth = own.or(() -> known.map(KnownModels.KnownModel::preprocessing));
        if (truth.isPresent()) {
            List<String> wrong = PreprocessingStatement.of(preprocessing).contradictions(truth.get());
            if (!wrong.isEmpty()) {
                throw new IllegalArgumentException(model + (own.isPresent() ? " already records its preprocessing ("
                        : " is " + known.get().name() + " (recognised by its SHA-256), whose preprocessing is known (")
                        + truth.get().describe() + "): " + String.join(", ", wrong) + "; refused");
            }
        }
        Map<String, String> stamp = preprocessing.toMetadata();
        ModelProto.Builder b = proto.toBuilder().clearMetadataProps();
        for (StringStringEntryProto e : proto.getMetadataPropsList()) {
            if (!stamp.containsKey(e.getKey())) {
                b.addMetadataProps(e);
            }
        }
        stamp.forEach((k, v) -> b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        byte[] bytes = b.build().toByteArray();
        AtomicFileWriter.write(out, o -> o.write(bytes));
    }
}
