package io.polyface.bench.budget;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.flops.FlopsCounter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code budgets.json} and checks presets against their FLOPs and size budgets (exact, no timing). */
public final class Budgets {

    /** The file's JSON form. */
    record File(@JsonProperty("_doc") String doc, @JsonProperty("budgets") List<Budget> budgets) {}

    /**
     * A budget checked against the counted figures.
     *
     * @param budget the budget
     * @param flops counted FLOPs under the budget's convention (summed over {@link Budget#counted()})
     * @param paramBytes float32 bytes of the preset's trainable parameters
     * @param withinFlops whether {@code flops <= flopsBudget}
     * @param withinSize whether the size budget (if any) holds
     */
    public record Check(Budget budget, long flops, long paramBytes, boolean withinFlops, boolean withinSize) {
        /** @return whether every exact budget holds */
        public boolean ok() {
            return withinFlops && withinSize;
        }
    }

    private Budgets() {}

    /**
     * @param file the budgets file
     * @return its entries
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file if it is malformed
     */
    public static List<Budget> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return mapper.readValue(Files.readString(file), File.class).budgets();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a valid budgets file: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Counts each budget's presets and compares.
     *
     * @param budgets the budgets
     * @return one check per budget
     * @throws IllegalArgumentException for an unknown preset or convention
     */
    public static List<Check> check(List<Budget> budgets) {
        List<Check> out = new ArrayList<>();
        for (Budget b : budgets) {
            Convention c = Convention.parse(b.convention());
            long flops = 0;
            for (String name : b.counted()) {
                flops += FlopsCounter.count(Presets.get(name)).flops(c);
            }
            CostReport own = FlopsCounter.count(Presets.get(b.preset()));
            boolean size = b.maxParamBytes() == null || own.paramBytes() < b.maxParamBytes();
            out.add(new Check(b, flops, own.paramBytes(), flops <= b.flopsBudget(), size));
        }
        return out;
    }
}
