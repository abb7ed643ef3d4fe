package io.polyface.core.eval;

import io.polyface.core.io.FeatureMatrix;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What all-pairs verification keeps of a set of scored pairs (../shared/spec/aggregation-and-evaluation.md,
 * "bounded heap while streaming"): every genuine score, the {@code keep} largest impostor scores (a bounded
 * {@link TopScores} buffer, ties kept as a multiset) and a histogram of all impostor scores (for the ROC curve above
 * the range of the kept scores). Summaries of disjoint sets of pairs {@link #merge merge} into the summary of their
 * union, whatever the split: {@link AllPairsEvaluator} keeps one per scan thread, polyface-spark one per task, and
 * {@link #result} gives the same {@link VerificationResult} for the same multiset of scores.
 *
 * <p>Memory: {@code 4·(genuine + keep + max(keep, 1024)) + 8·bins} bytes. Not thread-safe. Serializable (as its
 * content: genuine scores, kept impostor scores, histogram counts), so that it can travel from a worker to a driver.
 */
public final class PairScoreSummary implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int keep;
    private final transient TopScores top;
    private final transient ScoreHistogram histogram;
    private transient float[] genuine = new float[1024];
    private transient int genuineSize;
    private transient long impostors;
    private transient LabelGroups groups;
    private transient float[] row = new float[0];

    /**
     * Creates an empty summary.
     *
     * @param keep how many of the largest impostor scores to keep, {@code >= 1}: {@code k_max + 1} for the largest
     *     target FAR ({@code k = ⌊FAR·N_imp⌋}, {@link OperatingPoint})
     * @param histogramBins the bins of the impostor histogram over {@code [-1, 1]}, {@code >= 2}
     * @throws IllegalArgumentException if a size is out of range
     */
    public PairScoreSummary(int keep, int histogramBins) {
        if (histogramBins < 2) {
            throw new IllegalArgumentException("histogramBins = " + histogramBins + ", expected >= 2");
        }
        this.keep = keep;
        this.top = new TopScores(keep);
        this.histogram = new ScoreHistogram(histogramBins);
    }

    /**
     * Scores every pair {@code i < j} of a tile: genuine when {@code labels[i] == labels[j]}, else impostor. A tile on
     * the diagonal ({@code rowStart == colStart}) contributes its strict upper triangle only.
     *
     * @param tile the tile ({@link TiledCosineSimilarity})
     * @param labels the identity of every embedding, indexed by its row among all {@code N}
     * @throws IllegalArgumentException if more genuine scores arrive than one array holds
     */
    public void scan(TiledCosineSimilarity.Tile tile, int[] labels) {
        scanRows(tile, labels, 0, tile.rows());
    }

    /**
     * Scores the pairs of some rows of a tile, as {@link #scan} does for all of them (the rest of the tile may be
     * scanned into other summaries, in parallel, and merged).
     *
     * <p>One pass per row: the row's genuine columns come from its label's sorted rows ({@link LabelGroups}), and
     * each run of impostor scores between them is counted in the histogram and offered to the top scores in one fused
     * pass ({@link ScoreHistogram#addAll(float[], int, int, TopScores)}: pruned by histogram bin, so that all but a few
     * scores cost their count and one comparison) while the row is in the L1 cache.
     *
     * @param tile the tile
     * @param labels the identity of every embedding
     * @param rowFrom the first tile row, {@code >= 0}
     * @param rowTo the end tile row (exclusive), {@code <= tile.rows()}
     */
    void scanRows(TiledCosineSimilarity.Tile tile, int[] labels, int rowFrom, int rowTo) {
        groups = LabelGroups.of(groups, labels);
        final float[] s = tile.scores();
        final int cols = tile.cols();
        final int colStart = tile.colStart();
        final boolean diagonal = tile.rowStart() == colStart;
        long imp = 0;
        for (int r = rowFrom; r < rowTo; r++) {
            final int i = tile.rowStart() + r;
            imp += scanRow(s, r * cols - colStart, i, diagonal ? i + 1 : colStart, colStart + cols);
        }
        impostors += imp;
    }

    /**
     * Scores the pairs of some rows of a tile left in the engine's memory, exactly as {@link #scanRows(TiledCosineSimilarity.Tile,
     * int[], int, int)} scores the same tile copied to Java: each row's needed columns are copied into a row buffer of
     * this summary (in the L1/L2 cache) and scanned from there, so the tile is read once, row by row, and never copied
     * whole.
     *
     * @param tile the tile ({@link TiledCosineSimilarity#nativeTile}), open
     * @param labels the identity of every embedding
     * @param rowFrom the first tile row, {@code >= 0}
     * @param rowTo the end tile row (exclusive), {@code <= tile.rows()}
     */
    void scanRows(TiledCosineSimilarity.NativeTile tile, int[] labels, int rowFrom, int rowTo) {
        groups = LabelGroups.of(groups, labels);
        final int colStart = tile.colStart();
        final int colEnd = colStart + tile.cols();
        final boolean diagonal = tile.rowStart() == colStart;
        if (row.length < tile.cols()) {
            row = new float[tile.cols()];
        }
        long imp = 0;
        for (int r = rowFrom; r < rowTo; r++) {
            final int i = tile.rowStart() + r;
            final int j = diagonal ? i + 1 : colStart;
            if (j < colEnd) {
                tile.copyRow(r, j - colStart, colEnd - j, row);
                imp += scanRow(row, -j, i, j, colEnd);
            }
        }
        impostors += imp;
    }

    /**
     * Scores the pairs of row {@code i} with columns {@code [j, colEnd)}: the genuine columns come from the row's label
     * group, the runs of impostor scores between them go to the histogram and the top scores in one fused pass.
     *
     * @param s the scores: {@code s[base + c]} is the score of rows {@code i} and {@code c}
     * @param base the offset of column 0 in {@code s}
     * @param i the row (embedding index)
     * @param j the first column
     * @param colEnd the end column (exclusive)
     * @return the number of impostor pairs scored
     */
    private long scanRow(float[] s, int base, int i, int j, int colEnd) {
        long imp = colEnd - j;
        int p = groups.firstAtLeast(i, j);
        for (int g = groups.rowAt(i, p); g < colEnd; g = groups.rowAt(i, ++p)) {
            impostors(s, base + j, base + g);
            addGenuine(s[base + g]);
            imp--;
            j = g + 1;
        }
        impostors(s, base + j, base + colEnd);
        return imp;
    }

    private void impostors(float[] s, int from, int to) {
        histogram.addAll(s, from, to, top);
    }

    /**
     * Adds the pairs of another summary (of a disjoint set of pairs) to this one.
     *
     * @param other a summary with the same {@code keep} and histogram bins; not modified in content
     * @return this summary
     * @throws IllegalArgumentException if the shapes differ or the genuine scores no longer fit in one array
     */
    public PairScoreSummary merge(PairScoreSummary other) {
        if (other.keep != keep || other.histogram.bins() != histogram.bins()) {
            throw new IllegalArgumentException("cannot merge a summary keeping " + other.keep + " scores in " + other.histogram.bins()
                    + " bins into one keeping " + keep + " in " + histogram.bins());
        }
        ensureGenuineCapacity((long) genuineSize + other.genuineSize);
        System.arraycopy(other.genuine, 0, genuine, genuineSize, other.genuineSize);
        genuineSize += other.genuineSize;
        top.mergeFrom(other.top);
        histogram.add(other.histogram);
        impostors += other.impostors;
        return this;
    }

    /** @return the number of genuine pairs scanned */
    public long genuineCount() {
        return genuineSize;
    }

    /** @return the number of impostor pairs scanned */
    public long impostorCount() {
        return impostors;
    }

    /** @return how many of the largest impostor scores this summary keeps */
    public int keep() {
        return keep;
    }

    /**
     * Computes the exact operating point of each target FAR from the kept impostor scores and the ROC curve (exact
     * points while the kept scores reach, binned histogram points above), as {@link AllPairsEvaluator} reports them.
     *
     * @param targetFars the targets, each {@code 0 < far < 1}; {@code k + 1 <= keep()} for each
     * @return the result over the scanned pairs
     * @throws IllegalArgumentException if there are no genuine or no impostor pairs, or a target is out of range
     * @throws IllegalStateException if a target needs more kept impostor scores than this summary keeps
     */
    public VerificationResult result(List<Double> targetFars) {
        double[] genuineScores = genuineAscending();
        double[] topScores = top.descending();
        List<OperatingPoint> points = new ArrayList<>(targetFars.size());
        for (double far : targetFars) {
            ExactThreshold.checkFar(far, "target FAR");
            points.add(ExactThreshold.operatingPoint(far, topScores, impostors, genuineScores));
        }
        return new VerificationResult(genuineSize, impostors, points, roc(genuineScores, topScores));
    }

    /** @throws IllegalArgumentException if there are no genuine or no impostor pairs */
    double[] genuineAscending() {
        if (genuineSize == 0 || impostors == 0) {
            throw new IllegalArgumentException(genuineSize + " genuine and " + impostors
                    + " impostor pairs; verification needs at least one of each");
        }
        double[] g = new double[genuineSize];
        for (int i = 0; i < genuineSize; i++) {
            g[i] = genuine[i];
        }
        Arrays.sort(g);
        return g;
    }

    /** @return the kept impostor scores, largest first */
    double[] topDescending() {
        return top.descending();
    }

    /** @return the impostor histogram (shared, not a copy) */
    ScoreHistogram histogram() {
        return histogram;
    }

    RocCurve roc(double[] genuineAscending, double[] topDescending) {
        return RocBuilder.build(genuineAscending, topDescending, impostors, histogram);
    }

    private void addGenuine(float v) {
        if (genuineSize == genuine.length) {
            ensureGenuineCapacity(genuineSize + 1L);
        }
        genuine[genuineSize++] = v;
    }

    private void ensureGenuineCapacity(long needed) {
        if (needed <= genuine.length) {
            return;
        }
        if (needed > FeatureMatrix.MAX_ELEMENTS) {
            throw new IllegalArgumentException("more than " + FeatureMatrix.MAX_ELEMENTS + " genuine pairs in one summary");
        }
        genuine = Arrays.copyOf(genuine, (int) Math.min(FeatureMatrix.MAX_ELEMENTS, Math.max(needed, 2L * genuine.length)));
    }

    @Serial
    private Object writeReplace() {
        double[] d = top.descending();
        float[] kept = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            kept[i] = (float) d[i];
        }
        return new Content(keep, Arrays.copyOf(genuine, genuineSize), kept, histogram.counts(), impostors);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a PairScoreSummary is serialised as its content");
    }

    /** The serialised form: the content, not the buffers. */
    private record Content(int keep, float[] genuine, float[] top, long[] histogram, long impostors) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            PairScoreSummary s = new PairScoreSummary(keep, histogram.length);
            s.genuine = genuine.length == 0 ? new float[1024] : genuine;
            s.genuineSize = genuine.length;
            for (float v : top) {
                s.top.offer(v);
            }
            s.histogram.addCounts(histogram);
            s.impostors = impostors;
            return s;
        }
    }

    @Override
    public String toString() {
        return "PairScoreSummary[" + genuineSize + " genuine, " + impostors + " impostor pairs, keeping " + keep + "]";
    }
}
