package io.polyface.train.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON form of a {@link Recipe}: snake_case field names, every field present ({@code null} where a
 * model setting keeps the preset's value), two-space indentation, a final newline. Reading is strict: an
 * unknown field, a missing field, a wrong type (no coercion of {@code "64"} to 64 or of 1.5 to an integer)
 * or a value out of range is an {@link IllegalArgumentException} naming the source and the field, e.g.
 * {@code recipe.json: field 'optimizer.learning_rate': expected a number, got a string}. The form
 * round-trips: recipe → JSON → recipe is equal, and JSON written here → recipe → JSON is the same text.
 */
public final class RecipeJson {

    /** The shipped recipes, by name (resources {@code io/polyface/train/recipe/NAME.json}). */
    public static final List<String> SHIPPED = List.of("small-data", "demo", "paper-deepglint-30g", "paper-iqiyi-24g");

    /** The recipe {@code train} uses without {@code --config}. */
    public static final String DEFAULT = "small-data";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

    private RecipeJson() {}

    /**
     * @param recipe a recipe
     * @return its JSON text, ending with a newline
     */
    public static String write(Recipe recipe) {
        try {
            return WRITER.writeValueAsString(recipe) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the recipe as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param text JSON text
     * @param source where the text came from, for messages (a file name, "recipe small-data", ...)
     * @return the recipe
     * @throws IllegalArgumentException naming the source and the field for bad JSON, an unknown or missing
     *     field, a wrong type or a value out of range
     */
    public static Recipe read(String text, String source) {
        try {
            // Jackson builds a record before it reports an unknown field: check the names first
            unknownFields(MAPPER.readTree(text), Recipe.class, "", source);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + describe(e), e);
        }
        try {
            return MAPPER.readValue(text, Recipe.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + describe(e), e);
        }
    }

    /**
     * Reads a recipe file, or a shipped recipe by name when no such file exists.
     *
     * @param fileOrName a JSON file or one of {@link #SHIPPED}
     * @return the recipe
     * @throws IllegalArgumentException when it is neither, or the recipe is bad (naming the file and field)
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Recipe load(String fileOrName) {
        Path file = Path.of(fileOrName);
        if (Files.isRegularFile(file)) {
            try {
                return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read recipe " + file + ": " + e.getMessage(), e);
            }
        }
        if (SHIPPED.contains(fileOrName)) {
            return shipped(fileOrName);
        }
        throw new IllegalArgumentException("recipe '" + fileOrName + "' is neither a file nor a shipped recipe; shipped: "
                + String.join(", ", SHIPPED));
    }

    /**
     * @param name one of {@link #SHIPPED}
     * @return the shipped recipe's JSON text
     * @throws IllegalArgumentException for another name
     */
    public static String shippedText(String name) {
        if (!SHIPPED.contains(name)) {
            throw new IllegalArgumentException("no shipped recipe '" + name + "'; shipped: " + String.join(", ", SHIPPED));
        }
        try (InputStream in = RecipeJson.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the shipped recipe " + name + ".json is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name one of {@link #SHIPPED}
     * @return the shipped recipe
     * @throws IllegalArgumentException for another name
     */
    public static Recipe shipped(String name) {
        return read(shippedText(name), "shipped recipe " + name);
    }

    /**
     * Replaces fields of a recipe, each given by its dotted JSON path ({@code optimizer.learning_rate},
     * {@code schedule}, {@code loss.options.margin}); values are Java values in the JSON form's types
     * (numbers, strings, booleans, lists, maps, records, {@link AutoNumber}). A path whose field does not
     * exist is an error (except under {@code loss.options}, whose keys are free).
     *
     * @param recipe the recipe
     * @param overrides source label (e.g. an option name) to path and value, applied in order
     * @return the new recipe
     * @throws IllegalArgumentException naming the source when a path does not exist or a value is bad
     */
    public static Recipe override(Recipe recipe, List<FieldOverride> overrides) {
        ObjectNode root = MAPPER.valueToTree(recipe);
        for (FieldOverride o : overrides) {
            String[] parts = o.path().split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = parent.get(parts[i]);
                if (!(child instanceof ObjectNode node)) {
                    throw new IllegalArgumentException(o.source() + ": the recipe has no field '" + o.path() + "'");
                }
                parent = node;
            }
            String field = parts[parts.length - 1];
            boolean free = o.path().startsWith("loss.options.");
            if (!free && !parent.has(field)) {
                throw new IllegalArgumentException(o.source() + " does not apply: the recipe has no field '" + o.path() + "'"
                        + (o.path().startsWith("schedule.") ? " (its schedule is " + recipe.schedule().kind() + ")" : ""));
            }
            parent.set(field, MAPPER.valueToTree(o.value()));
        }
        try {
            return MAPPER.treeToValue(root, Recipe.class);
        } catch (JsonProcessingException e) {
            String sources = overrides.stream().map(FieldOverride::source).distinct().collect(Collectors.joining(", "));
            throw new IllegalArgumentException("the recipe with " + sources + ": " + describe(e), e);
        }
    }

    /**
     * One field replacement of {@link #override}.
     *
     * @param source who asks (an option name), for messages
     * @param path the dotted JSON path
     * @param value the new value
     */
    public record FieldOverride(String source, String path, Object value) {
    }

    /** Fails on the first field that the record (or the schedule kind) does not have. */
    private static void unknownFields(JsonNode node, Class<?> type, String path, String source) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (type == ScheduleRecipe.class) {
            JsonNode kind = object.get("kind");
            Class<?> kindType = kind == null || !kind.isTextual() ? null : switch (kind.textValue()) {
                case "constant" -> ScheduleRecipe.Constant.class;
                case "step" -> ScheduleRecipe.Step.class;
                case "cosine" -> ScheduleRecipe.Cosine.class;
                case "poly" -> ScheduleRecipe.Poly.class;
                default -> null;
            };
            if (kindType == null) {
                return; // the strict reading names the kind
            }
            type = kindType;
        }
        if (!type.isRecord()) {
            return;
        }
        Map<String, Class<?>> known = new java.util.TreeMap<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            known.put(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()), c.getType());
        }
        if (type.getInterfaces().length > 0 && type.getInterfaces()[0] == ScheduleRecipe.class) {
            known.put("kind", String.class);
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            Class<?> child = known.get(e.getKey());
            if (child == null) {
                throw new IllegalArgumentException(source + ": unknown field '" + field + "'; expected one of "
                        + String.join(", ", known.keySet()));
            }
            unknownFields(e.getValue(), child, field, source);
        }
    }

    private static String describe(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        String field = path(m.getPath());
        if (m instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + field + "'; expected one of " + u.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", "));
        }
        if (m instanceof InvalidTypeIdException t) {
            return "field '" + (field.isEmpty() ? "schedule" : field) + ".kind': unknown kind '" + t.getTypeId() + "'; expected one of "
                    + String.join(", ", ScheduleRecipe.KINDS);
        }
        if (m instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            return (field.isEmpty() ? "" : "field '" + field + "': ") + cause.getMessage();
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            String msg = m.getOriginalMessage();
            if (msg.contains("Missing creator property") || msg.contains("Missing required creator property")) {
                return "missing field '" + field + "'";
            }
            return "field '" + field + "': wrong type, expected " + typeName(mi.getTargetType())
                    + " (" + firstLine(msg) + ")";
        }
        return (field.isEmpty() ? "" : "field '" + field + "': ") + firstLine(m.getOriginalMessage());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
