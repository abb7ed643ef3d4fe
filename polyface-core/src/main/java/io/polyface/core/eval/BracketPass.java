package io.polyface.core.eval;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One extra pass over all pairs of {@link ThresholdSearch}: for each open bracket (a range {@code [lo, hi]} of
 * impostor scores known to hold the {@code (k+1)}-th largest), either count the impostor scores of the bracket in
 * equal sub-ranges ({@code REFINE}) or keep them ({@code COLLECT}). Genuine pairs are skipped. Immutable and
 * serializable: a driver sends it to the workers, each {@link #scan scans} its tiles into its own {@link Counts},
 * and the driver {@link Counts#merge merges} them and hands the total to {@link ThresholdSearch#accept}.
 */
public final class BracketPass implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One bracket of the pass. */
    record Bracket(int lo, int hi, boolean collect, long width, int bins) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final List<Bracket> brackets;
    private final int lo;
    private final int hi;

    BracketPass(List<Bracket> brackets) {
        this.brackets = List.copyOf(brackets);
        this.lo = brackets.stream().mapToInt(Bracket::lo).min().orElse(ScoreKeys.MAX);
        this.hi = brackets.stream().mapToInt(Bracket::hi).max().orElse(ScoreKeys.MIN);
    }

    List<Bracket> brackets() {
        return brackets;
    }

    /** @return empty counts for this pass */
    public Counts newCounts() {
        return new Counts(brackets);
    }

    /**
     * Counts or keeps the impostor scores of a tile that fall in the pass's brackets.
     *
     * @param counts this worker's counts ({@link #newCounts()})
     * @param tile a tile of the similarity matrix ({@link TiledCosineSimilarity}); a diagonal tile contributes its
     *     strict upper triangle only, as in {@link PairScoreSummary#scan}
     * @param labels the identity of every embedding, indexed by its row among all {@code N}
     */
    public void scan(Counts counts, TiledCosineSimilarity.Tile tile, int[] labels) {
        final float[] s = tile.scores();
        final int cols = tile.cols();
        final int colStart = tile.colStart();
        final boolean diagonal = tile.rowStart() == tile.colStart();
        final int passLo = lo;
        final int passHi = hi;
        for (int r = 0; r < tile.rows(); r++) {
            final int li = labels[tile.rowStart() + r];
            final int base = r * cols;
            for (int c = diagonal ? r + 1 : 0; c < cols; c++) {
                int key = ScoreKeys.key(s[base + c]);
                if (key >= passLo && key <= passHi && labels[colStart + c] != li) {
                    counts.add(key);
                }
            }
        }
    }

    /** What one worker (or, merged, all of them) found in the brackets of a pass. Not thread-safe. */
    public static final class Counts implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final List<Bracket> brackets;
        private final long[][] binCounts;
        private final float[][] kept;
        private final int[] keptSize;

        private Counts(List<Bracket> brackets) {
            this.brackets = brackets;
            binCounts = new long[brackets.size()][];
            kept = new float[brackets.size()][];
            keptSize = new int[brackets.size()];
            for (int b = 0; b < brackets.size(); b++) {
                if (brackets.get(b).collect()) {
                    kept[b] = new float[16];
                } else {
                    binCounts[b] = new long[brackets.get(b).bins()];
                }
            }
        }

        void add(int key) {
            for (int b = 0; b < binCounts.length; b++) {
                Bracket br = brackets.get(b);
                if (key < br.lo() || key > br.hi()) {
                    continue;
                }
                if (br.collect()) {
                    keep(b, ScoreKeys.value(key));
                } else {
                    binCounts[b][(int) (((long) key - br.lo()) / br.width())]++;
                }
            }
        }

        private void keep(int b, float v) {
            if (keptSize[b] == kept[b].length) {
                kept[b] = Arrays.copyOf(kept[b], (int) Math.min(Integer.MAX_VALUE - 8L, 2L * kept[b].length));
            }
            kept[b][keptSize[b]++] = v;
        }

        /**
         * Adds another worker's counts of the same pass.
         *
         * @param other counts from {@link BracketPass#newCounts()} of the same pass
         * @return this
         * @throws IllegalArgumentException if {@code other} belongs to another pass
         */
        public Counts merge(Counts other) {
            if (!other.brackets.equals(brackets)) {
                throw new IllegalArgumentException("counts of another pass");
            }
            for (int b = 0; b < brackets.size(); b++) {
                if (brackets.get(b).collect()) {
                    for (int i = 0; i < other.keptSize[b]; i++) {
                        keep(b, other.kept[b][i]);
                    }
                } else {
                    for (int i = 0; i < binCounts[b].length; i++) {
                        binCounts[b][i] += other.binCounts[b][i];
                    }
                }
            }
            return this;
        }

        long[] binCounts(int bracket) {
            return binCounts[bracket];
        }

        /** @return the kept scores of a COLLECT bracket, largest first */
        double[] keptDescending(int bracket) {
            double[] d = new double[keptSize[bracket]];
            for (int i = 0; i < d.length; i++) {
                d[i] = kept[bracket][i];
            }
            return ExactThreshold.descending(d);
        }

        @Serial
        private Object writeReplace() {
            for (int b = 0; b < kept.length; b++) {
                if (kept[b] != null) {
                    kept[b] = Arrays.copyOf(kept[b], Math.max(16, keptSize[b]));
                }
            }
            return this;
        }
    }
}
