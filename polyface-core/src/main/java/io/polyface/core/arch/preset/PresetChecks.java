package io.polyface.core.arch.preset;

import io.polyface.core.util.Checks;

/** The setting checks the preset builders share; each throws {@link IllegalArgumentException} naming the value. */
final class PresetChecks {

    private PresetChecks() {}

    /**
     * Checks the settings of a preset with a stride-16 body: the width multiplier ({@link Widths#check}), the input
     * size (a positive multiple of 16) and the embedding size.
     *
     * @param family the preset family for the message, e.g. {@code "iresnet"}
     * @param width the width multiplier
     * @param input the input image size in pixels
     * @param embedding the embedding size
     * @throws IllegalArgumentException if a setting is out of range
     */
    static void stride16(String family, double width, int input, int embedding) {
        Widths.check(width);
        if (input % 16 != 0 || input < 16) {
            throw new IllegalArgumentException(family + " input must be a positive multiple of 16, got " + input);
        }
        embedding(embedding);
    }

    /**
     * @param embedding the embedding size
     * @throws IllegalArgumentException unless it is {@code >= 1}
     */
    static void embedding(int embedding) {
        Checks.requireAtLeast("embedding", embedding, 1);
    }
}
