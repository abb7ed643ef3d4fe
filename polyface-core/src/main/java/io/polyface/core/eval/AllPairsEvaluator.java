package io.polyface.core.eval;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.util.Checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verification over all pairs of {@code N} labelled embeddings (the LFR 2019 image protocol,
 * ../shared/spec/aggregation-and-evaluation.md): every unordered pair {@code i < j} is scored once by
 * cosine similarity; pairs with equal labels are genuine, the others impostors. TAR is exact at every
 * target FAR (down to 1e-8 and below, given enough pairs) by the rule of {@link OperatingPoint}.
 *
 * <p>How: the upper triangle of the similarity matrix is computed tile by tile with float32 matrix
 * products ({@link TiledCosineSimilarity}); each tile is scanned right after its product (its rows split among
 * the scan threads, the next product waiting). The scan reads each score once: it counts it in a histogram of
 * all impostor scores (for the ROC curve at FARs above the range of the kept scores) and, in the same pass, offers it
 * to a bounded buffer of the {@code k_max + 1} largest impostor scores ({@code k_max = ⌊max FAR · N_imp⌋}; threshold,
 * append, quickselect when full) — only when its histogram bin is not below the bin under which the histogram already
 * holds {@code k_max + 1} larger scores (threshold pruning: almost every score costs its count and one integer
 * comparison), and keeps the
 * genuine scores (found from each label's sorted rows, not by a label comparison per pair). No {@code N × N} or
 * {@code N_imp} array is ever allocated: memory is
 * {@code O(N·d + T·(2(k_max + 1) + N) + N_gen + tileSize²)} for {@code T} scan threads, where
 * {@code N_gen = Σ_c n_c(n_c-1)/2} is the number of genuine pairs.
 *
 * <p>Build with {@code AllPairsEvaluator.builder().optTargetFars(List.of(1e-6, 1e-4)).build()}.
 */
public final class AllPairsEvaluator {

    /** Receives progress after each tile. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * Called after each tile is scanned.
         *
         * @param pairsDone pairs scored so far (tiles produced)
         * @param pairsTotal all pairs, {@code N(N-1)/2}
         */
        void onProgress(long pairsDone, long pairsTotal);
    }

    /** The largest tile edge (a tile of {@code 16384²} floats is 1 GiB). */
    public static final int MAX_TILE_SIZE = 16384;

    /** The default target FARs. */
    public static final List<Double> DEFAULT_TARGET_FARS = List.of(1e-6, 1e-5, 1e-4, 1e-3);

    private final List<Double> targetFars;
    private final int tileSize;
    private final int scanThreads;
    private final int maxKeptImpostorScores;
    private final int histogramBins;
    private final ProgressListener progress;

    private AllPairsEvaluator(Builder b) {
        targetFars = b.targetFars;
        tileSize = b.tileSize;
        scanThreads = b.scanThreads;
        maxKeptImpostorScores = b.maxKeptImpostorScores;
        histogramBins = b.histogramBins;
        progress = b.progress;
    }

    /**
     * Returns a builder with the defaults: target FARs {@link #DEFAULT_TARGET_FARS}, tile 2048, one scan
     * thread per processor, at most 50,000,000 kept impostor scores per scan thread, 16,384 histogram bins.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the target FARs, in the order given */
    public List<Double> targetFars() {
        return targetFars;
    }

    /** @return the tile edge of the matrix products */
    public int tileSize() {
        return tileSize;
    }

    /** @return the most top impostor scores a scan thread may keep */
    public int maxKeptImpostorScores() {
        return maxKeptImpostorScores;
    }

    /** @return the bins of the impostor histogram */
    public int histogramBins() {
        return histogramBins;
    }

    /**
     * Evaluates all pairs.
     *
     * @param embeddings the {@code [N, d]} embeddings (not modified)
     * @param labels the identity label of each row, {@code N} of them
     * @return the counts, the exact operating point of each target FAR and the ROC curve
     * @throws IllegalArgumentException if the label count differs from {@code N}, there are no genuine or
     *     no impostor pairs, a row is all zero or not finite, or a target FAR needs more kept scores than
     *     the configured limit
     */
    public VerificationResult evaluate(FeatureMatrix embeddings, List<String> labels) {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(labels, "labels");
        if (labels.size() != embeddings.rows()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + embeddings.rows() + " embeddings; expected one label per row");
        }
        return evaluate(embeddings, PairCounts.labelIds(labels));
    }

    /**
     * Evaluates all pairs with integer identity labels.
     *
     * @param embeddings the {@code [N, d]} embeddings (not modified)
     * @param labels the identity of each row, {@code N} of them (any int values)
     * @return the counts, the exact operating point of each target FAR and the ROC curve
     * @throws IllegalArgumentException as {@link #evaluate(FeatureMatrix, List)}
     */
    public VerificationResult evaluate(FeatureMatrix embeddings, int[] labels) {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(labels, "labels");
        int n = embeddings.rows();
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " embeddings; expected one label per row");
        }
        PairCounts counts = PairCounts.of(labels);
        long genuine = counts.genuine();
        long impostors = counts.impostors();
        long totalPairs = counts.pairs();
        long keep = counts.keptImpostorScores(targetFars);
        if (keep > maxKeptImpostorScores) {
            double maxFar = targetFars.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            throw new IllegalArgumentException("target FAR " + maxFar + " over " + impostors
                    + " impostor pairs needs the " + keep + " largest impostor scores kept per scan thread, more than the limit of "
                    + maxKeptImpostorScores + "; lower the FAR target or raise optMaxKeptImpostorScores");
        }
        PairScoreSummary[] scanners = new PairScoreSummary[scanThreads];
        for (int t = 0; t < scanThreads; t++) {
            scanners[t] = new PairScoreSummary((int) keep, histogramBins);
        }
        try (TiledCosineSimilarity similarity = TiledCosineSimilarity.create(embeddings, tileSize)) {
            runPipeline(similarity, scanners, labels, totalPairs);
        }
        PairScoreSummary all = scanners[0];
        for (int t = 1; t < scanners.length; t++) {
            all.merge(scanners[t]);
        }
        if (all.genuineCount() != genuine || all.impostorCount() != impostors) {
            throw new IllegalStateException("scanned " + all.genuineCount() + " genuine and " + all.impostorCount()
                    + " impostor pairs, expected " + genuine + " and " + impostors);
        }
        return all.result(targetFars);
    }

    /**
     * Computes the tiles one after the other and scans each as soon as it is computed, its rows split among the
     * scan threads (balanced by pairs), before the next product starts: the product (the engine's own threads) and
     * the scan never compete for the cores, and a tile is read once, right after its product.
     */
    private void runPipeline(TiledCosineSimilarity similarity, PairScoreSummary[] scanners, int[] labels, long totalPairs) {
        int t = scanners.length;
        ExecutorService pool = t == 1 ? null : Executors.newFixedThreadPool(t - 1, r -> {
            Thread th = new Thread(r, "polyface-all-pairs-scan");
            th.setDaemon(true);
            return th;
        });
        try {
            long done = 0;
            int tiles = similarity.tileCount();
            List<Future<?>> parts = new ArrayList<>(t);
            for (int i = 0; i < tiles; i++) {
                for (int j = i; j < tiles; j++) {
                    long pairs;
                    try (TiledCosineSimilarity.NativeTile tile = similarity.nativeTile(i, j)) {
                        int[] bounds = rowSplit(tile.rows(), tile.cols(), i == j, t);
                        parts.clear();
                        for (int k = 1; k < t; k++) {
                            PairScoreSummary s = scanners[k];
                            int from = bounds[k];
                            int to = bounds[k + 1];
                            parts.add(pool.submit(() -> s.scanRows(tile, labels, from, to)));
                        }
                        try {
                            scanners[0].scanRows(tile, labels, bounds[0], bounds[1]);
                        } finally {
                            joinAll(parts); // every reader is done before the tile's memory is freed
                        }
                        pairs = tilePairs(tile.rows(), tile.cols(), i == j);
                    }
                    done += pairs;
                    if (progress != null) {
                        progress.onProgress(done, totalPairs);
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * @param rows the tile's rows
     * @param cols the tile's columns
     * @param diagonal whether the tile is on the diagonal (only the pairs above it are scored)
     * @return the pairs a tile scores: {@code rows·(rows − 1)/2} on the diagonal, else {@code rows·cols}
     */
    static long tilePairs(int rows, int cols, boolean diagonal) {
        return diagonal ? (long) rows * (rows - 1) / 2 : (long) rows * cols;
    }

    /**
     * Splits a tile's rows into {@code t} ranges of about equal pair counts (a diagonal tile has
     * {@code rows - 1 - r} pairs in row {@code r}).
     *
     * @param rows the tile's rows
     * @param cols the tile's columns
     * @param diagonal whether the tile is on the diagonal
     * @param t the number of ranges
     * @return {@code t + 1} bounds: range {@code k} is rows {@code [b[k], b[k+1])}
     */
    static int[] rowSplit(int rows, int cols, boolean diagonal, int t) {
        long total = tilePairs(rows, cols, diagonal);
        int[] b = new int[t + 1];
        long acc = 0;
        int r = 0;
        for (int k = 1; k < t; k++) {
            long target = total * k / t;
            while (r < rows && acc < target) {
                acc += diagonal ? rows - 1 - r : cols;
                r++;
            }
            b[k] = r;
        }
        b[t] = rows;
        return b;
    }

    /**
     * Waits until every scan part has ended, whatever the outcome (an interrupt is remembered, not obeyed, so that no
     * part still reads a tile when it is freed).
     *
     * @throws IllegalStateException if the thread was interrupted meanwhile (its interrupt flag set again) or a part
     *     failed (the first failure as the cause)
     */
    private static void joinAll(List<Future<?>> parts) {
        boolean interrupted = false;
        Throwable failure = null;
        for (Future<?> f : parts) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("all-pairs evaluation interrupted");
        }
        if (failure != null) {
            throw new IllegalStateException("a scan thread failed: " + failure, failure);
        }
    }

    /** Builds an {@link AllPairsEvaluator}. */
    public static final class Builder {
        private List<Double> targetFars = DEFAULT_TARGET_FARS;
        private int tileSize = 2048;
        private int scanThreads = Runtime.getRuntime().availableProcessors();
        private int maxKeptImpostorScores = 50_000_000;
        private int histogramBins = 1 << 14;
        private ProgressListener progress;

        private Builder() {}

        /**
         * Sets the target FARs.
         *
         * @param targetFars the targets, each {@code 0 < far < 1}, at least one
         * @return this builder
         */
        public Builder optTargetFars(List<Double> targetFars) {
            this.targetFars = List.copyOf(Objects.requireNonNull(targetFars, "targetFars"));
            return this;
        }

        /**
         * Sets the tile edge: each matrix product is {@code [tileSize, d] × [d, tileSize]}.
         *
         * @param tileSize the edge, 1 to {@link #MAX_TILE_SIZE}
         * @return this builder
         */
        public Builder optTileSize(int tileSize) {
            this.tileSize = tileSize;
            return this;
        }

        /**
         * Sets the number of scan threads (each keeps its own top impostor scores, histogram and genuine scores).
         *
         * @param scanThreads the thread count, {@code >= 1}
         * @return this builder
         */
        public Builder optScanThreads(int scanThreads) {
            this.scanThreads = scanThreads;
            return this;
        }

        /**
         * Sets the largest number {@code k_max + 1} of top impostor scores a scan thread may keep (its buffer
         * takes about 8 bytes per kept score).
         *
         * @param maxKeptImpostorScores the limit, {@code >= 1}
         * @return this builder
         */
        public Builder optMaxKeptImpostorScores(int maxKeptImpostorScores) {
            this.maxKeptImpostorScores = maxKeptImpostorScores;
            return this;
        }

        /**
         * Sets the number of bins of the impostor histogram used for the ROC curve above the range of the kept top scores.
         *
         * @param histogramBins the bin count over {@code [-1, 1]}, {@code >= 2}
         * @return this builder
         */
        public Builder optHistogramBins(int histogramBins) {
            this.histogramBins = histogramBins;
            return this;
        }

        /**
         * Sets a progress listener, called from the evaluating thread after each tile.
         *
         * @param progress the listener, or null for none
         * @return this builder
         */
        public Builder optProgress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Validates the settings and builds the evaluator.
         *
         * @return the evaluator
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public AllPairsEvaluator build() {
            if (targetFars.isEmpty()) {
                throw new IllegalArgumentException("targetFars is empty; expected at least one target FAR");
            }
            for (double far : targetFars) {
                ExactThreshold.checkFar(far, "target FAR");
            }
            if (tileSize < 1 || tileSize > MAX_TILE_SIZE) {
                throw new IllegalArgumentException("tileSize = " + tileSize + ", expected 1 to " + MAX_TILE_SIZE);
            }
            Checks.atLeast("scanThreads", scanThreads, 1);
            Checks.atLeast("maxKeptImpostorScores", maxKeptImpostorScores, 1);
            Checks.atLeast("histogramBins", histogramBins, 2);
            return new AllPairsEvaluator(this);
        }
    }
}
