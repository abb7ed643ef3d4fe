package io.polyface.core.eval.ijb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.eval.CosineSimilarity;
import io.polyface.core.eval.SortedPairScores;
import io.polyface.core.io.MalformedFileException;
import io.polyface.core.util.Checks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Scores every pair of a 1:1 template pair list ({@link TemplatePairFile}) by the cosine similarity of the
 * two template features, streaming: the list (15,658,489 lines for IJB-C) is never held, only one float per
 * pair. Memory is {@code O(T·d + P)}: the normalised features ({@code 4·T·d} bytes on the Java heap and the
 * same in native memory), {@code 4} bytes per pair for the scores, a few chunks in flight and one product tile.
 *
 * <p><b>How.</b> A reader thread parses the file ({@link TemplatePairFile#stream}, ids looked up in a
 * primitive hash map) into chunks of consecutive pairs. A chunk closes when it holds
 * {@link Builder#optChunkPairs} pairs or when the product of its distinct left and right templates would
 * exceed {@link Builder#optMaxTileScores}. The calling thread scores each chunk: when the chunk is dense
 * enough (distinct rows × distinct columns at most {@link Builder#optDenseRatio} times its pairs, as for
 * IJB-C, whose list is grouped by its first template) by one float32 matrix product
 * {@code X[rows] · X[cols]ᵀ} on DJL's engine (PyTorch: a BLAS {@code sgemm}), copied back, from which each
 * pair's entry is picked; otherwise by direct dot products in Java (float32, eight partial sums). Impostor scores are
 * written from the front of one array, genuine scores from its back, and the array is handed to
 * {@link SortedPairScores}. Parsing overlaps scoring.
 *
 * <p>Pairs whose template is known but has no feature ({@link TemplateFeatures#EMPTY}) are skipped and
 * counted; an id the protocol does not know is an error naming the line.
 */
public final class TemplatePairScorer {

    /** Receives progress after each chunk. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * Called from the scoring thread after each chunk.
         *
         * @param linesDone pair-list lines read so far
         * @param linesTotal lines of the file
         */
        void onProgress(long linesDone, long linesTotal);
    }

    /**
     * The result of scoring a pair list.
     *
     * @param pairs the pairs listed (non-blank lines of the file)
     * @param skipped pairs not scored because a template has no feature
     * @param scores the scores of the other pairs
     */
    public record Result(long pairs, long skipped, SortedPairScores scores) {
    }

    private final int chunkPairs;
    private final int maxTileScores;
    private final int denseRatio;
    private final ProgressListener progress;

    private TemplatePairScorer(Builder b) {
        this.chunkPairs = b.chunkPairs;
        this.maxTileScores = b.maxTileScores;
        this.denseRatio = b.denseRatio;
        this.progress = b.progress;
    }

    /**
     * Returns a builder with the defaults: chunks of at most 524,288 pairs and 4,194,304 tile scores
     * (16 MiB), matrix products for chunks at most 16 times denser than their pairs.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores a pair list.
     *
     * @param pairFile the pair list ({@code *_template_pair_label.txt})
     * @param templates the template features (any norm; they are L2-normalised here)
     * @return the pair counts and the sorted scores
     * @throws MalformedFileException if a line is malformed or names a template that
     *     {@code templates} does not know (naming the line, the id and {@link TemplateFeatures#source()})
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a template feature is all zero or not finite, or the scored pairs
     *     hold no genuine or no impostor pair
     */
    public Result score(Path pairFile, TemplateFeatures templates) throws IOException {
        Raw raw = scoreRaw(pairFile, templates);
        if (raw.genuine == 0 || raw.impostors == 0) {
            throw new IllegalArgumentException(pairFile + ": the " + (raw.genuine + raw.impostors) + " scored pairs (" + raw.skipped
                    + " skipped for templates without a feature) hold " + raw.genuine + " genuine and " + raw.impostors
                    + " impostor pairs; TAR@FAR needs at least one of each");
        }
        return new Result(raw.pairs, raw.skipped,
                SortedPairScores.adopt(raw.scores, raw.impostors, raw.scores.length - raw.genuine, raw.genuine));
    }

    /**
     * The scores before sorting: impostor pair {@code k} (in file order) at {@code scores[k]}, genuine pair
     * {@code k} at {@code scores[length - 1 - k]}.
     */
    record Raw(float[] scores, int impostors, int genuine, long pairs, long skipped) {
    }

    Raw scoreRaw(Path pairFile, TemplateFeatures templates) throws IOException {
        Objects.requireNonNull(pairFile, "pairFile");
        Objects.requireNonNull(templates, "templates");
        long lines = countLines(pairFile);
        if (lines > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(pairFile + " has " + lines + " lines, more pairs than one array can hold");
        }
        int t = templates.size();
        int d = templates.features().cols();
        float[] x = new float[Math.multiplyExact(t, d)];
        for (int i = 0; i < t; i++) {
            float[] row;
            try {
                row = CosineSimilarity.normalized(templates.features().row(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("template " + templates.id(i) + ": " + e.getMessage(), e);
            }
            System.arraycopy(row, 0, x, i * d, d);
        }
        float[] scores = new float[(int) lines];
        PairChunkReader reader = new PairChunkReader(pairFile, templates, chunkPairs, maxTileScores);
        Thread thread = new Thread(reader, "polyface-ijb-pair-reader");
        thread.setDaemon(true);
        thread.start();
        int impostors = 0;
        int genuine = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = t == 0 ? null : manager.create(x, new Shape(t, d));
            Columns columns = new Columns(t);
            for (PairChunkReader.Chunk c = reader.take(); c != PairChunkReader.END; c = reader.take()) {
                float[] s = dense(c) ? product(features, columns, c) : dots(x, d, c);
                for (int p = 0; p < c.size; p++) {
                    if (c.genuine[p]) {
                        scores[scores.length - 1 - genuine++] = s[p];
                    } else {
                        scores[impostors++] = s[p];
                    }
                }
                long done = c.lastLine;
                reader.recycle(c);
                if (progress != null) {
                    progress.onProgress(done, lines);
                }
            }
        } finally {
            reader.stop();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader.rethrow();
        return new Raw(scores, impostors, genuine, reader.pairs, reader.skipped);
    }

    private boolean dense(PairChunkReader.Chunk c) {
        return (long) c.rows.count * c.cols.count <= (long) denseRatio * c.size;
    }

    /**
     * One matrix product {@code X[rows] · X[cols]ᵀ} (at most {@link Builder#optMaxTileScores} entries), copied
     * back whole, from which each pair's entry is picked. The gathered columns are kept while consecutive chunks
     * have the same set of second templates (IJB-C's lists: every probe template in every chunk).
     */
    private static float[] product(NDArray features, Columns columns, PairChunkReader.Chunk c) {
        NDArray b = columns.gathered(features, c.cols);
        int width = columns.count();
        float[] tile;
        try (NDManager scope = features.getManager().newSubManager()) {
            NDArray a = features.get(scope.create(longs(c.rows.templates, c.rows.count)));
            a.attach(scope);
            NDArray bt = b.transpose();
            bt.attach(scope);
            NDArray product = a.matMul(bt);
            product.attach(scope);
            tile = product.toFloatArray();
        }
        float[] s = new float[c.size];
        for (int p = 0; p < c.size; p++) {
            s[p] = tile[c.left[p] * width + columns.position(c.cols.templates[c.right[p]])] + 0.0f;
        }
        return s;
    }

    /** The gathered features of a set of second templates, in ascending template order. */
    private static final class Columns {
        private final int[] position;
        private int[] templates = new int[0];
        private NDArray gathered;

        Columns(int templateCount) {
            position = new int[templateCount];
        }

        /** {@code X[cols]} for the chunk's second templates, gathered again only when their set changed. */
        NDArray gathered(NDArray features, PairChunkReader.Side cols) {
            int[] sorted = java.util.Arrays.copyOf(cols.templates, cols.count);
            java.util.Arrays.sort(sorted);
            if (!java.util.Arrays.equals(sorted, templates)) {
                if (gathered != null) {
                    gathered.close();
                }
                templates = sorted;
                for (int i = 0; i < sorted.length; i++) {
                    position[sorted[i]] = i;
                }
                try (NDManager scope = features.getManager().newSubManager()) {
                    gathered = features.get(scope.create(longs(sorted, sorted.length)));
                    gathered.attach(features.getManager());
                }
            }
            return gathered;
        }

        int count() {
            return templates.length;
        }

        int position(int template) {
            return position[template];
        }
    }

    private static long[] longs(int[] a, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** Direct float32 dot products of the normalised rows, eight partial sums added in a fixed order. */
    private static float[] dots(float[] x, int d, PairChunkReader.Chunk c) {
        float[] s = new float[c.size];
        for (int p = 0; p < c.size; p++) {
            s[p] = dot(x, c.rows.templates[c.left[p]] * d, c.cols.templates[c.right[p]] * d, d) + 0.0f;
        }
        return s;
    }

    static float dot(float[] x, int a, int b, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int j = 0;
        for (; j + 8 <= d; j += 8) {
            s0 += x[a + j] * x[b + j];
            s1 += x[a + j + 1] * x[b + j + 1];
            s2 += x[a + j + 2] * x[b + j + 2];
            s3 += x[a + j + 3] * x[b + j + 3];
            s4 += x[a + j + 4] * x[b + j + 4];
            s5 += x[a + j + 5] * x[b + j + 5];
            s6 += x[a + j + 6] * x[b + j + 6];
            s7 += x[a + j + 7] * x[b + j + 7];
        }
        for (; j < d; j++) {
            s0 += x[a + j] * x[b + j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Counts the lines of a file (newlines, plus a final unterminated line). */
    static long countLines(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            byte[] a = buf.array();
            long lines = 0;
            byte last = '\n';
            while (ch.read(buf) >= 0) {
                int n = buf.position();
                int i = 0;
                for (; i + 8 <= n; i += 8) { // eight bytes at a time: a zero byte of w is a newline, counted exactly
                    long w = buf.getLong(i) ^ 0x0A0A0A0A0A0A0A0AL;
                    long t = (w & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
                    lines += Long.bitCount(~(t | w | 0x7F7F7F7F7F7F7F7FL));
                }
                for (; i < n; i++) {
                    lines += a[i] == '\n' ? 1 : 0;
                }
                if (n > 0) {
                    last = a[n - 1];
                }
                buf.clear();
            }
            return lines + (last == '\n' ? 0 : 1);
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(file, "no such file");
        }
    }

    /** Builds a {@link TemplatePairScorer}. */
    public static final class Builder {
        private int chunkPairs = 1 << 19;
        private int maxTileScores = 1 << 22;
        private int denseRatio = 16;
        private ProgressListener progress;

        private Builder() {}

        /**
         * Sets the most pairs in one chunk (each chunk in flight takes 9 bytes per pair; three are allocated).
         *
         * @param chunkPairs the limit, {@code >= 1}
         * @return this builder
         */
        public Builder optChunkPairs(int chunkPairs) {
            this.chunkPairs = chunkPairs;
            return this;
        }

        /**
         * Sets the most entries of one matrix product (distinct left × distinct right templates of a chunk;
         * 4 bytes each, in native memory and once more on the Java heap).
         *
         * @param maxTileScores the limit, {@code >= 1}
         * @return this builder
         */
        public Builder optMaxTileScores(int maxTileScores) {
            this.maxTileScores = maxTileScores;
            return this;
        }

        /**
         * Sets when a chunk is scored by a matrix product: when its distinct rows × distinct columns are at
         * most this many times its pairs (a product entry costs far less than a gathered dot product);
         * otherwise by direct dot products. 0 forces dot products, a huge value matrix products.
         *
         * @param denseRatio the ratio, {@code >= 0}
         * @return this builder
         */
        public Builder optDenseRatio(int denseRatio) {
            this.denseRatio = denseRatio;
            return this;
        }

        /**
         * Sets a progress listener.
         *
         * @param progress the listener, or null for none
         * @return this builder
         */
        public Builder optProgress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the scorer
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public TemplatePairScorer build() {
            Checks.atLeast("chunkPairs", chunkPairs, 1);
            Checks.atLeast("maxTileScores", maxTileScores, 1);
            Checks.atLeast("denseRatio", denseRatio, 0);
            return new TemplatePairScorer(this);
        }
    }
}
