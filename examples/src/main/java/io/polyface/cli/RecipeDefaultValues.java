package io.polyface.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * picocli default values read from a shipped recipe, so that a command's options do not restate the recipe's values:
 * each option named in the table takes the value of its recipe field ({@code "data.batch_size"}), shown in the help
 * by {@code ${DEFAULT-VALUE}}; a list is joined with commas. Options outside the table keep their own default.
 */
abstract class RecipeDefaultValues implements IDefaultValueProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> paths;
    private final List<JsonNode> recipes = new ArrayList<>();

    /**
     * @param paths option name → recipe field path
     * @param recipes where to look, in order (a field absent from the first, e.g. a schedule's parameter of another
     *     kind, is looked up in the next)
     */
    RecipeDefaultValues(Map<String, String> paths, Recipe... recipes) {
        this.paths = Map.copyOf(paths);
        for (Recipe r : recipes) {
            try {
                this.recipes.add(JSON.readTree(RecipeJson.write(r)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot read back a shipped recipe's JSON", e);
            }
        }
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec o) || !paths.containsKey(o.longestName())) {
            return null;
        }
        String path = paths.get(o.longestName());
        for (JsonNode recipe : recipes) {
            JsonNode n = recipe;
            for (String part : path.split("\\.")) {
                n = n == null ? null : n.get(part);
            }
            if (n != null && !n.isNull()) {
                return text(n);
            }
        }
        throw new IllegalStateException(o.longestName() + ": the recipe has no field " + path);
    }

    private static String text(JsonNode n) {
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(e -> parts.add(e.asText()));
            return String.join(",", parts);
        }
        return n.asText();
    }
}
