package io.polyface.cli.common;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code --json} flag of the sub-commands that print one result (a picocli {@code @Mixin}, one definition for
 * {@code polyface} and {@code polyface-spark}): with it standard output carries exactly one JSON object (one line,
 * written by {@link Json}); progress and notices stay on standard error.
 */
public final class JsonOutput {

    @Option(names = "--json",
            description = "Print one JSON object on standard output instead of text (progress goes to standard error).")
    boolean enabled;

    /** @return whether {@code --json} was given */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Prints the result: one JSON line from {@code json} with {@code --json}, else the text {@code text} writes;
     * then flushes {@code out}.
     *
     * @param out standard output
     * @param json makes the JSON value (a map, list, record or Jackson node); called only with {@code --json}
     * @param text writes the text form; called only without {@code --json}
     * @throws IllegalStateException if the value cannot be written as JSON
     */
    public void print(PrintWriter out, Supplier<Object> json, Consumer<PrintWriter> text) {
        if (enabled) {
            out.println(Json.line(json.get()));
        } else {
            text.accept(out);
        }
        out.flush();
    }
}
