package io.polyface.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the LFW {@code pairs.txt} (../shared/spec/aggregation-and-evaluation.md, "LFW 10-fold
 * accuracy"): tab-separated; the first line is {@code folds<TAB>pairsPerClass} ({@code 10<TAB>300} for
 * the official list); then, for each fold, {@code pairsPerClass} lines {@code name<TAB>i<TAB>j} (same
 * person) followed by {@code pairsPerClass} lines {@code name1<TAB>i<TAB>name2<TAB>j} (different
 * people); image numbers are 1-based. Anything else — a blank line, a wrong field count, a non-numeric
 * or non-positive number, a missing or extra line — is an error naming the 1-based line.
 */
public final class LfwPairsFile {

    private LfwPairsFile() {}

    /**
     * Reads and validates a pair list.
     *
     * @param file the pairs file
     * @return the pairs by fold
     * @throws MalformedFileException naming the first offending line and what was expected there
     * @throws IOException if the file cannot be read
     */
    public static LfwPairList read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = TextLines.read(file);
        if (lines.isEmpty()) {
            throw new MalformedFileException(file, "empty; expected the header line 'folds<TAB>pairsPerClass', e.g. '10\t300'");
        }
        String[] header = fields(file, lines, 0);
        if (header.length != 2) {
            throw bad(file, 0, lines, "expected the header 'folds<TAB>pairsPerClass', e.g. '10<TAB>300'");
        }
        int folds = positive(file, lines, 0, header[0], "number of folds");
        int perClass = positive(file, lines, 0, header[1], "pairs per class");
        long expectedLines = 1 + (long) folds * 2 * perClass;
        List<LfwPair> pairs = new ArrayList<>((int) Math.min(expectedLines, 1 << 20));
        for (int fold = 0; fold < folds; fold++) {
            for (int k = 0; k < 2 * perClass; k++) {
                long nextLine = 1L + (long) fold * 2 * perClass + k;
                boolean genuine = k < perClass;
                if (nextLine >= lines.size()) {
                    throw new MalformedFileException(file, "ends after line " + lines.size() + "; the header '" + lines.get(0)
                            + "' announces " + folds + " folds of " + perClass + " genuine + " + perClass + " impostor pairs ("
                            + expectedLines + " lines)");
                }
                int lineIndex = (int) nextLine;
                String[] f = fields(file, lines, lineIndex);
                if (genuine) {
                    if (f.length != 3) {
                        throw bad(file, lineIndex, lines, "expected a genuine pair 'name<TAB>i<TAB>j' (fold " + (fold + 1)
                                + ", genuine pair " + (k + 1) + " of " + perClass + "), got " + f.length + " fields");
                    }
                    pairs.add(pair(file, lines, lineIndex, fold, f[0], f[1], f[0], f[2], true));
                } else {
                    if (f.length != 4) {
                        throw bad(file, lineIndex, lines, "expected an impostor pair 'name1<TAB>i<TAB>name2<TAB>j' (fold " + (fold + 1)
                                + ", impostor pair " + (k - perClass + 1) + " of " + perClass + "), got " + f.length + " fields");
                    }
                    pairs.add(pair(file, lines, lineIndex, fold, f[0], f[1], f[2], f[3], false));
                }
            }
        }
        if (lines.size() > expectedLines) {
            throw bad(file, (int) expectedLines, lines, "expected the end of the file after " + folds + " folds of "
                    + perClass + " + " + perClass + " pairs");
        }
        return new LfwPairList(folds, perClass, pairs);
    }

    private static LfwPair pair(Path file, List<String> lines, int lineIndex, int fold,
                                String name1, String i1, String name2, String i2, boolean genuine) throws MalformedFileException {
        int a = positive(file, lines, lineIndex, i1, "image number");
        int b = positive(file, lines, lineIndex, i2, "image number");
        if (!genuine && name1.equals(name2)) {
            throw bad(file, lineIndex, lines, "an impostor pair names the same person twice (" + name1 + ")");
        }
        return new LfwPair(fold, name1, a, name2, b, genuine);
    }

    private static String[] fields(Path file, List<String> lines, int lineIndex) throws MalformedFileException {
        String line = lines.get(lineIndex);
        if (line.isBlank()) {
            throw new MalformedFileException(file, "line " + (lineIndex + 1) + " is blank");
        }
        String[] f = line.split("\t", -1);
        for (String field : f) {
            if (field.isEmpty() || !field.strip().equals(field) || field.contains(" ")) {
                throw bad(file, lineIndex, lines, "expected non-empty tab-separated fields without spaces");
            }
        }
        return f;
    }

    private static int positive(Path file, List<String> lines, int lineIndex, String field, String what) throws MalformedFileException {
        try {
            int v = Integer.parseInt(field);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(file, lineIndex, lines, "the " + what + " '" + field + "' is not a positive integer");
    }

    private static MalformedFileException bad(Path file, int lineIndex, List<String> lines, String what) {
        String line = lines.get(lineIndex);
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return new MalformedFileException(file, "line " + (lineIndex + 1) + ": " + what + ": '" + shown.replace("\t", "<TAB>") + "'");
    }
}
