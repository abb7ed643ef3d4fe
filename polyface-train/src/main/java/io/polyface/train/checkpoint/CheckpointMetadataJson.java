package io.polyface.train.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.io.MalformedFileException;
import io.polyface.train.data.LabelMap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link CheckpointMetadata} ({@code metadata.json}): snake_case keys, the spec
 * embedded as the object {@link ArchSpecJson} writes, {@code "format": 1}.
 */
public final class CheckpointMetadataJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointMetadataJson() {}

    /**
     * @param m the metadata
     * @return indented JSON text
     */
    public static String toJson(CheckpointMetadata m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", CheckpointMetadata.FORMAT_VERSION);
        root.put("step", m.step());
        root.put("epoch", m.epoch());
        root.put("seed", m.seed());
        try {
            root.set("arch", MAPPER.readTree(ArchSpecJson.toJson(m.spec())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot embed the spec of " + m.spec().name(), e);
        }
        ObjectNode loss = root.putObject("loss");
        loss.put("name", m.loss());
        loss.set("options", MAPPER.valueToTree(m.lossOptions()));
        loss.set("state", MAPPER.valueToTree(m.lossState()));
        loss.put("regularface_weight", m.regularFaceWeight());
        loss.put("partial_fc_sample_rate", m.partialFcSampleRate());
        root.set("labels", MAPPER.valueToTree(m.labels().names()));
        root.set("input", MAPPER.valueToTree(m.input()));
        root.set("optimizer", MAPPER.valueToTree(m.optimizer()));
        root.set("schedule", MAPPER.valueToTree(m.schedule()));
        root.set("run", MAPPER.valueToTree(m.run()));
        root.set("provenance", MAPPER.valueToTree(m.provenance()));
        root.set("metrics", MAPPER.valueToTree(m.metrics()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write checkpoint metadata", e);
        }
    }

    /**
     * Parses metadata.
     *
     * @param json the text
     * @param file the file it came from, for messages
     * @return the metadata
     * @throws MalformedFileException if the text is not metadata of a supported format (naming the field)
     */
    public static CheckpointMetadata fromJson(String json, Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(file, "not JSON: " + e.getOriginalMessage());
        }
        int format = require(root, "format", file).asInt();
        if (format != CheckpointMetadata.FORMAT_VERSION) {
            throw new MalformedFileException(file, "checkpoint format " + format + " is not supported (expected "
                    + CheckpointMetadata.FORMAT_VERSION + ")");
        }
        try {
            ArchSpec spec = ArchSpecJson.fromJson(MAPPER.writeValueAsString(require(root, "arch", file)));
            JsonNode loss = require(root, "loss", file);
            List<String> labels = new ArrayList<>();
            require(root, "labels", file).forEach(n -> labels.add(n.asText()));
            return new CheckpointMetadata(
                    require(root, "step", file).asLong(),
                    require(root, "epoch", file).asLong(),
                    require(root, "seed", file).asLong(),
                    spec,
                    require(loss, "name", file).asText(),
                    MAPPER.convertValue(require(loss, "options", file), new TypeReference<Map<String, String>>() {}),
                    MAPPER.convertValue(require(loss, "state", file), new TypeReference<Map<String, Double>>() {}),
                    require(loss, "regularface_weight", file).asDouble(),
                    require(loss, "partial_fc_sample_rate", file).asDouble(),
                    LabelMap.ofOrdered(labels),
                    map(root, "input", file), map(root, "optimizer", file), map(root, "schedule", file),
                    map(root, "run", file), map(root, "provenance", file), map(root, "metrics", file));
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, e.getMessage());
        }
    }

    private static Map<String, Object> map(JsonNode root, String field, Path file) throws MalformedFileException {
        return MAPPER.convertValue(require(root, field, file), new TypeReference<Map<String, Object>>() {});
    }

    private static JsonNode require(JsonNode node, String field, Path file) throws MalformedFileException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedFileException(file, "missing field '" + field + "'");
        }
        return v;
    }
}
