package io.polyface.aggregation.io;

import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A quality file: one per-frame quality score per line, in the row order of a feature file, as a
 * decimal number ({@code 0.731}, {@code -2.5}, {@code 1e-3}); surrounding whitespace is ignored. The
 * {@code --quality} input of {@code polyface aggregate}. Written with {@link Float#toString}, which
 * reads back to the same float.
 */
public final class QualityScoresFile {

    private QualityScoresFile() {}

    /**
     * Reads the scores.
     *
     * @param file the quality file
     * @return one score per line
     * @throws MalformedFileException if the file is empty, or a line is blank, not a number, NaN or
     *     infinite (naming the 1-based line and quoting it)
     * @throws IOException if the file cannot be read
     */
    public static float[] read(Path file) throws IOException {
        List<String> lines = LinesFile.read(file);
        if (lines.isEmpty()) {
            throw new MalformedFileException(file, "quality file is empty; expected one score per feature row");
        }
        float[] scores = new float[lines.size()];
        for (int i = 0; i < scores.length; i++) {
            String s = lines.get(i).strip();
            float v;
            try {
                v = Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw new MalformedFileException(file, "line " + (i + 1) + " ('" + lines.get(i) + "') is not a number;"
                        + " expected one quality score per line");
            }
            if (!Float.isFinite(v) || s.endsWith("f") || s.endsWith("F") || s.endsWith("d") || s.endsWith("D")) {
                throw new MalformedFileException(file, "line " + (i + 1) + " ('" + lines.get(i) + "') is not a finite"
                        + " decimal number; expected one quality score per line");
            }
            scores[i] = v;
        }
        return scores;
    }

    /**
     * Writes scores, one per line, atomically.
     *
     * @param file the file to create or replace
     * @param scores the scores, all finite
     * @throws IllegalArgumentException if a score is NaN or infinite (naming its index)
     * @throws IOException if writing fails
     */
    public static void write(Path file, float[] scores) throws IOException {
        List<String> lines = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            if (!Float.isFinite(scores[i])) {
                throw new IllegalArgumentException("quality score " + i + " is " + scores[i] + "; scores must be finite");
            }
            lines.add(Float.toString(scores[i]));
        }
        LinesFile.write(file, lines);
    }
}
