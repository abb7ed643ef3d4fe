package io.polyface.core.eval.ijb;

import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A 1:N list of IJB-B/C ({@code *_1N_gallery_G1.csv}, {@code _G2}, {@code _S1}, {@code _S2},
 * {@code *_1N_probe_mixed.csv}): comma-separated, a header naming the columns (the distributed files start
 * {@code TEMPLATE_ID,SUBJECT_ID,FILENAME,…}), then one row per image of each template. Columns are found by
 * their header names, case-insensitively, so extra or reordered columns are fine.
 */
public final class SubjectTemplatesFile {

    /** The header this class writes. */
    public static final String HEADER = "TEMPLATE_ID,SUBJECT_ID,FILENAME";

    /**
     * One row to write.
     *
     * @param templateId the template id
     * @param subjectId the subject id
     * @param fileName the image, relative to {@code loose_crop/}
     */
    public record Row(long templateId, long subjectId, String fileName) {
    }

    private SubjectTemplatesFile() {}

    /**
     * Reads the distinct templates with their subjects.
     *
     * @param file the CSV file
     * @return one entry per distinct template id, in the order of first appearance
     * @throws MalformedFileException if the header lacks TEMPLATE_ID or SUBJECT_ID, a row is too short or has
     *     a bad id, a template is given two different subjects, or there is no row (naming file and line)
     * @throws IOException if the file cannot be read
     */
    public static List<SubjectTemplate> read(Path file) throws IOException {
        int[] columns = {-1, -1};
        Map<Long, Long> subjectOf = new HashMap<>();
        Map<Long, Long> firstLine = new HashMap<>();
        List<SubjectTemplate> out = new ArrayList<>();
        ProtocolText.forEachCsvRow(file, (f, line) -> {
            if (columns[0] < 0) {
                for (int i = 0; i < f.length; i++) {
                    String name = f[i].replace("\"", "").strip().toUpperCase(Locale.ROOT);
                    if (name.equals("TEMPLATE_ID")) {
                        columns[0] = i;
                    } else if (name.equals("SUBJECT_ID")) {
                        columns[1] = i;
                    }
                }
                if (columns[0] < 0 || columns[1] < 0) {
                    throw new MalformedFileException(file, "line " + line + ": expected a header naming the columns TEMPLATE_ID and SUBJECT_ID"
                            + " (as in " + HEADER + ",...), got '" + String.join(",", f) + "'");
                }
                return;
            }
            int need = Math.max(columns[0], columns[1]) + 1;
            if (f.length < need) {
                throw ProtocolText.fieldCount(file, line, f, "at least " + need + " comma-separated fields (TEMPLATE_ID in column "
                        + (columns[0] + 1) + ", SUBJECT_ID in column " + (columns[1] + 1) + ")");
            }
            long t = ProtocolText.id(f[columns[0]], file, line, "TEMPLATE_ID");
            long s = ProtocolText.id(f[columns[1]], file, line, "SUBJECT_ID");
            Long previous = subjectOf.putIfAbsent(t, s);
            if (previous == null) {
                firstLine.put(t, line);
                out.add(new SubjectTemplate(t, s));
            } else if (previous != s) {
                throw new MalformedFileException(file, "line " + line + ": template " + t + " has subject " + s + " but subject " + previous
                        + " on line " + firstLine.get(t) + "; a template shows one subject");
            }
        });
        if (columns[0] < 0) {
            throw new MalformedFileException(file, "is empty; expected a header naming TEMPLATE_ID and SUBJECT_ID, then one row per image");
        }
        if (out.isEmpty()) {
            throw new MalformedFileException(file, "has a header but no template rows");
        }
        return List.copyOf(out);
    }

    /**
     * Writes a list atomically: the header {@value #HEADER}, then the rows, LF endings.
     *
     * @param file the file to create or replace
     * @param rows the rows
     * @throws IllegalArgumentException if a file name contains a comma or a line break
     * @throws IOException if writing fails
     */
    public static void write(Path file, List<Row> rows) throws IOException {
        for (Row r : rows) {
            if (r.fileName().contains(",") || r.fileName().contains("\n") || r.fileName().contains("\r")) {
                throw new IllegalArgumentException("file name '" + r.fileName() + "' for " + file + " contains a comma or a line break");
            }
        }
        AtomicFileWriter.write(file, out -> {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            for (Row r : rows) {
                out.write((r.templateId() + "," + r.subjectId() + "," + r.fileName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
