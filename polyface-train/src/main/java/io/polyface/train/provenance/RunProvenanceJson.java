package io.polyface.train.provenance;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.polyface.train.checkpoint.CheckpointMetadata;
import io.polyface.train.checkpoint.ProvenanceSource;
import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The JSON form of {@link RunProvenance} (Jackson): snake_case keys, the recipe as the object {@link RecipeJson}
 * writes, times as ISO-8601 instants ({@code "2026-12-07T02:30:00Z"}), {@code "ended": null} while running, e.g.
 * <pre>{@code {"recipe": {...}, "seed": 42, "data": {"sha256": "…", "files": 400, "bytes": 4068800},
 *  "code_version": "development build", "started": "…", "ended": "…", "steps": 30}}</pre>
 * Checkpoints keep it under {@code provenance.run} of {@code metadata.json}; ONNX exports under the metadata key
 * {@code polyface.provenance} ({@code io.polyface.train.export.OnnxModelExport#PROVENANCE}).
 */
public final class RunProvenanceJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("polyface-provenance")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer())
                    .addSerializer(Recipe.class, new RecipeSerializer())
                    .addDeserializer(Recipe.class, new RecipeDeserializer()))
            .build();

    private RunProvenanceJson() {}

    /**
     * @param p a provenance
     * @return its JSON tree
     */
    public static JsonNode toTree(RunProvenance p) {
        return MAPPER.valueToTree(p);
    }

    /**
     * @param p a provenance
     * @return its JSON text (one line)
     */
    public static String write(RunProvenance p) {
        try {
            return MAPPER.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run provenance as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param text JSON text, as {@link #write} gives
     * @param source where it came from, for messages
     * @return the provenance
     * @throws IllegalArgumentException naming the source and the problem if the text is not a run provenance
     */
    public static RunProvenance read(String text, String source) {
        try {
            return MAPPER.readValue(text, RunProvenance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a run provenance: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param tree a JSON tree, as {@link #toTree} gives
     * @param source where it came from, for messages
     * @return the provenance
     * @throws IllegalArgumentException naming the source and the problem if the tree is not a run provenance
     */
    public static RunProvenance fromTree(JsonNode tree, String source) {
        return read(tree.toString(), source);
    }

    /**
     * The run provenance a checkpoint records (checkpoints of runs started without one, or written before it
     * existed, have none).
     *
     * @param m a checkpoint's metadata
     * @param source the checkpoint, for messages
     * @return its run provenance, or empty
     * @throws IllegalArgumentException if it records one that cannot be read
     */
    public static Optional<RunProvenance> of(CheckpointMetadata m, String source) {
        Object run = m.provenance().get(ProvenanceSource.KEY);
        return run == null ? Optional.empty() : Optional.of(fromTree(MAPPER.valueToTree(run), source));
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "expected an ISO-8601 instant");
            }
        }
    }

    private static final class RecipeSerializer extends JsonSerializer<Recipe> {
        @Override
        public void serialize(Recipe value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeTree(MAPPER.readTree(RecipeJson.write(value)));
        }
    }

    private static final class RecipeDeserializer extends JsonDeserializer<Recipe> {
        @Override
        public Recipe deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = p.readValueAsTree();
            try {
                return RecipeJson.read(tree.toString(), "run provenance recipe");
            } catch (IllegalArgumentException e) {
                return (Recipe) ctxt.handleWeirdStringValue(Recipe.class, tree.toString(), e.getMessage());
            }
        }
    }
}
