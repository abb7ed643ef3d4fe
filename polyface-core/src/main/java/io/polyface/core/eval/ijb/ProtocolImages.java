package io.polyface.core.eval.ijb;

import io.polyface.core.align.Landmarks;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The image rows of an IJB protocol: {@code *_face_tid_mid.txt} ({@code image template_id media_id}) and
 * {@code *_name_5pts_score.txt} ({@code image x1 y1 x2 y2 x3 y3 x4 y4 x5 y5 detector_score}; landmarks in
 * image pixels in the ArcFace order left eye, right eye, nose tip, left and right mouth corner), which list
 * the same images in the same order: row {@code i} of one is row {@code i} of the other, as InsightFace's
 * scripts assume. An image may appear on several rows (in several templates); each row is one face.
 *
 * <p>Memory: {@code N} names plus {@code 14·4·N} bytes (ids, ten landmark coordinates, score).
 */
public final class ProtocolImages {

    /** Fields of a {@code *_name_5pts_score.txt} line. */
    public static final int LANDMARK_FIELDS = 12;

    private final List<String> images;
    private final long[] templateIds;
    private final long[] mediaIds;
    private final float[] landmarks;
    private final float[] detectorScores;

    private ProtocolImages(List<String> images, long[] templateIds, long[] mediaIds, float[] landmarks, float[] detectorScores) {
        this.images = images;
        this.templateIds = templateIds;
        this.mediaIds = mediaIds;
        this.landmarks = landmarks;
        this.detectorScores = detectorScores;
    }

    /**
     * Reads and joins the two files.
     *
     * @param faceTidMid the {@code *_face_tid_mid.txt} file
     * @param name5ptsScore the {@code *_name_5pts_score.txt} file
     * @return the rows
     * @throws MalformedFileException if a line has the wrong number of fields (3, resp. 12), a field is not
     *     a number, the files differ in length, or they name different images on the same row (naming the
     *     file and line)
     * @throws IOException if a file cannot be read
     */
    public static ProtocolImages read(Path faceTidMid, Path name5ptsScore) throws IOException {
        List<String> names = new ArrayList<>();
        LongList tids = new LongList();
        LongList mids = new LongList();
        ProtocolText.forEachRow(faceTidMid, (f, line) -> {
            if (f.length != 3) {
                throw ProtocolText.fieldCount(faceTidMid, line, f, "3 fields: image template_id media_id");
            }
            names.add(f[0]);
            tids.add(ProtocolText.id(f[1], faceTidMid, line, "template id"));
            mids.add(ProtocolText.id(f[2], faceTidMid, line, "media id"));
        });
        int n = names.size();
        float[] lmk = new float[n * 10];
        float[] score = new float[n];
        int[] row = {0};
        ProtocolText.forEachRow(name5ptsScore, (f, line) -> {
            if (f.length != LANDMARK_FIELDS) {
                throw ProtocolText.fieldCount(name5ptsScore, line, f,
                        LANDMARK_FIELDS + " fields: image x1 y1 x2 y2 x3 y3 x4 y4 x5 y5 detector_score (5 landmarks)");
            }
            int r = row[0]++;
            if (r >= n) {
                throw new MalformedFileException(name5ptsScore, "line " + line + ": more image rows than the " + n + " of " + faceTidMid
                        + "; the two files must list the same images in the same order");
            }
            if (!f[0].equals(names.get(r))) {
                throw new MalformedFileException(name5ptsScore, "line " + line + " names image '" + f[0] + "' but row " + (r + 1) + " of "
                        + faceTidMid + " (line " + lineNumber(faceTidMid, r) + ") names '" + names.get(r) + "'; the two files must list the same images in the same order");
            }
            for (int k = 0; k < 10; k++) {
                lmk[r * 10 + k] = ProtocolText.number(f[1 + k], name5ptsScore, line, "landmark coordinate " + (k + 1));
            }
            score[r] = ProtocolText.number(f[11], name5ptsScore, line, "detector score");
        });
        if (row[0] != n) {
            throw new MalformedFileException(name5ptsScore, "has " + row[0] + " image rows but " + faceTidMid + " has " + n
                    + "; the two files must list the same images in the same order");
        }
        return new ProtocolImages(List.copyOf(names), tids.toArray(), mids.toArray(), lmk, score);
    }

    /** The line number of the 0-based non-blank row {@code row} (the file is read again only to word an error). */
    private static long lineNumber(Path file, int row) throws IOException {
        long[] found = {-1};
        int[] i = {0};
        ProtocolText.forEachRow(file, (f, line) -> {
            if (i[0]++ == row) {
                found[0] = line;
            }
        });
        return found[0];
    }

    /**
     * Builds rows in memory (for generators and tests).
     *
     * @param images the image names, {@code N}
     * @param templateIds the template id of each row
     * @param mediaIds the media id of each row
     * @param landmarks {@code [N, 10]} row-major landmark coordinates
     * @param detectorScores the detector score of each row
     * @return the rows (arrays copied)
     * @throws IllegalArgumentException if the lengths disagree
     */
    public static ProtocolImages of(List<String> images, long[] templateIds, long[] mediaIds, float[] landmarks, float[] detectorScores) {
        int n = images.size();
        if (templateIds.length != n || mediaIds.length != n || detectorScores.length != n || landmarks.length != 10L * n) {
            throw new IllegalArgumentException("protocol rows: " + n + " images but " + templateIds.length + " template ids, "
                    + mediaIds.length + " media ids, " + landmarks.length + " landmark values (expected " + 10L * n + ") and "
                    + detectorScores.length + " detector scores");
        }
        return new ProtocolImages(List.copyOf(images), templateIds.clone(), mediaIds.clone(), landmarks.clone(), detectorScores.clone());
    }

    /**
     * Writes both files atomically (one line per row, fields separated by one space, LF endings; numbers
     * as {@link Float#toString}, which reads back to the same float).
     *
     * @param faceTidMid the {@code *_face_tid_mid.txt} file to create or replace
     * @param name5ptsScore the {@code *_name_5pts_score.txt} file to create or replace
     * @throws IllegalArgumentException if an image name is blank or contains a blank or a line break
     * @throws IOException if writing fails
     */
    public void write(Path faceTidMid, Path name5ptsScore) throws IOException {
        for (String name : images) {
            if (name.isBlank() || name.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("image name '" + name + "' is blank or contains a blank or a line break");
            }
        }
        AtomicFileWriter.write(faceTidMid, out -> {
            for (int i = 0; i < size(); i++) {
                out.write((images.get(i) + " " + templateIds[i] + " " + mediaIds[i] + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        AtomicFileWriter.write(name5ptsScore, out -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < size(); i++) {
                b.setLength(0);
                b.append(images.get(i));
                for (int k = 0; k < 10; k++) {
                    b.append(' ').append(landmarks[i * 10 + k]);
                }
                b.append(' ').append(detectorScores[i]).append('\n');
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** @return the number of rows {@code N} */
    public int size() {
        return images.size();
    }

    /** @return the image names, row order (unmodifiable) */
    public List<String> images() {
        return images;
    }

    /**
     * @param row the row
     * @return its image name (relative to {@code loose_crop/})
     */
    public String image(int row) {
        return images.get(row);
    }

    /**
     * @param row the row
     * @return its template id
     */
    public long templateId(int row) {
        return templateIds[row];
    }

    /**
     * @param row the row
     * @return its media id
     */
    public long mediaId(int row) {
        return mediaIds[row];
    }

    /**
     * @param row the row
     * @return its detector (faceness) score
     */
    public float detectorScore(int row) {
        return detectorScores[row];
    }

    /** @return a copy of every row's detector score, {@code [N]} */
    public float[] detectorScores() {
        return detectorScores.clone();
    }

    /**
     * @param row the row
     * @return its five landmarks
     * @throws IllegalArgumentException if they are not finite (checked when read)
     */
    public Landmarks landmarks(int row) {
        double[] xy = new double[10];
        for (int k = 0; k < 10; k++) {
            xy[k] = landmarks[row * 10 + k];
        }
        return Landmarks.of(xy);
    }

    /**
     * The rows of each template, templates in ascending id order (as {@code np.unique} orders them).
     *
     * @return the template ids ascending and, for each, its rows ascending
     */
    public TemplateRows templateRows() {
        int n = size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : templateIds[a] != templateIds[b]
                ? Long.compare(templateIds[a], templateIds[b]) : Integer.compare(a, b));
        LongList ids = new LongList();
        List<int[]> rows = new ArrayList<>();
        for (int s = 0; s < n; ) {
            int e = s;
            while (e < n && templateIds[order[e]] == templateIds[order[s]]) {
                e++;
            }
            int[] r = new int[e - s];
            for (int k = s; k < e; k++) {
                r[k - s] = order[k];
            }
            ids.add(templateIds[order[s]]);
            rows.add(r);
            s = e;
        }
        return new TemplateRows(ids.toArray(), rows);
    }

    /**
     * The rows of each template.
     *
     * @param ids template ids, ascending, unique
     * @param rows for each template its rows, ascending
     */
    public record TemplateRows(long[] ids, List<int[]> rows) {

        /**
         * Checks the lengths.
         *
         * @throws IllegalArgumentException if they differ
         */
        public TemplateRows {
            Objects.requireNonNull(ids, "ids");
            rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
            if (ids.length != rows.size()) {
                throw new IllegalArgumentException(ids.length + " template ids but " + rows.size() + " row lists");
            }
        }
    }
}
