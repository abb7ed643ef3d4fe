package io.polyface.spark.eval;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * How the upper triangle of the {@code N × N} score matrix is cut and shared among Spark tasks. The matrix is cut into
 * the tile grid of {@link io.polyface.core.eval.TiledCosineSimilarity} with edge {@code tileSize}: block {@code b}
 * holds rows {@code [b·tileSize, min(N, (b+1)·tileSize))}, tile {@code (i, j)} with {@code i <= j} the scores of block
 * {@code i} against block {@code j}. Each partition is a list of tiles; every tile of the upper triangle belongs to
 * exactly one partition. The result of an evaluation does not depend on the partitioning (each score is computed by
 * the same matrix product as in {@link io.polyface.core.eval.AllPairsEvaluator} with the same tile edge); only time
 * and memory do. Immutable.
 */
public final class TilePlan implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int tileSize;
    private final int[][] partitions;

    private TilePlan(int rows, int tileSize, int[][] partitions) {
        this.rows = rows;
        this.tileSize = tileSize;
        this.partitions = partitions;
    }

    /**
     * Balances the tiles over partitions by pair count, in row-major order (row block, then column block), so that a
     * task holds one row block while it walks the column blocks.
     *
     * @param rows {@code N >= 2}
     * @param tileSize the tile edge, {@code >= 1}
     * @param partitions the number of partitions wanted, {@code >= 1} (at most one per tile is made)
     * @return the plan
     * @throws IllegalArgumentException if a size is out of range
     */
    public static TilePlan balanced(int rows, int tileSize, int partitions) {
        check(rows, tileSize);
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions " + partitions + ": expected >= 1");
        }
        int blocks = blocks(rows, tileSize);
        List<int[]> all = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < blocks; i++) {
            for (int j = i; j < blocks; j++) {
                all.add(new int[] {i, j});
                total += pairs(rows, tileSize, i, j);
            }
        }
        int parts = Math.min(partitions, all.size());
        List<List<int[]>> out = new ArrayList<>();
        List<int[]> current = new ArrayList<>();
        long done = 0;
        for (int[] t : all) {
            current.add(t);
            done += pairs(rows, tileSize, t[0], t[1]);
            // close the partition once the partitions so far hold their share of all pairs
            if (out.size() < parts - 1 && done * parts >= total * (out.size() + 1L)) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return of(rows, tileSize, out);
    }

    /**
     * Groups the tiles into rectangles of {@code side × side} blocks (the upper triangle of a grid of super-blocks), so
     * that a partition needs at most {@code 2·side} blocks in memory at once — the plan for inputs that reach the
     * tasks through a shuffle (a {@code Dataset}) rather than by reading row ranges.
     *
     * @param rows {@code N >= 2}
     * @param tileSize the tile edge, {@code >= 1}
     * @param partitions about how many partitions are wanted, {@code >= 1}
     * @return the plan
     * @throws IllegalArgumentException if a size is out of range
     */
    public static TilePlan rectangles(int rows, int tileSize, int partitions) {
        check(rows, tileSize);
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions " + partitions + ": expected >= 1");
        }
        int blocks = blocks(rows, tileSize);
        int grid = Math.max(1, Math.min(blocks, (int) Math.round((Math.sqrt(8.0 * partitions + 1) - 1) / 2)));
        int side = (blocks + grid - 1) / grid;
        List<List<int[]>> out = new ArrayList<>();
        for (int bi = 0; bi < blocks; bi += side) {
            for (int bj = bi; bj < blocks; bj += side) {
                List<int[]> tiles = new ArrayList<>();
                for (int i = bi; i < Math.min(blocks, bi + side); i++) {
                    for (int j = Math.max(i, bj); j < Math.min(blocks, bj + side); j++) {
                        tiles.add(new int[] {i, j});
                    }
                }
                out.add(tiles);
            }
        }
        return of(rows, tileSize, out);
    }

    /**
     * The blocks a partition reads.
     *
     * @param partition the partition index
     * @return the distinct row and column blocks of its tiles, ascending
     */
    public int[] blocksOf(int partition) {
        int[] flat = partitions[partition];
        return Arrays.stream(flat).distinct().sorted().toArray();
    }

    /**
     * A plan given tile by tile, for tests and for callers with their own placement.
     *
     * @param rows {@code N >= 2}
     * @param tileSize the tile edge, {@code >= 1}
     * @param partitions for each partition its tiles {@code {i, j}}, {@code i <= j}; each tile of the upper triangle
     *     exactly once overall
     * @return the plan
     * @throws IllegalArgumentException if a tile is out of range, below the diagonal, repeated or missing
     */
    public static TilePlan of(int rows, int tileSize, List<List<int[]>> partitions) {
        check(rows, tileSize);
        int blocks = blocks(rows, tileSize);
        BitSet seen = new BitSet();
        int[][] parts = new int[partitions.size()][];
        for (int p = 0; p < parts.length; p++) {
            List<int[]> tiles = new ArrayList<>(partitions.get(p));
            tiles.sort(Comparator.<int[]>comparingInt(t -> t[0]).thenComparingInt(t -> t[1]));
            parts[p] = new int[2 * tiles.size()];
            for (int k = 0; k < tiles.size(); k++) {
                int i = tiles.get(k)[0];
                int j = tiles.get(k)[1];
                if (i < 0 || i > j || j >= blocks) {
                    throw new IllegalArgumentException("tile (" + i + ", " + j + ") of partition " + p
                            + ": expected 0 <= i <= j < " + blocks + " blocks");
                }
                int index = i * blocks + j;
                if (seen.get(index)) {
                    throw new IllegalArgumentException("tile (" + i + ", " + j + ") is in two partitions");
                }
                seen.set(index);
                parts[p][2 * k] = i;
                parts[p][2 * k + 1] = j;
            }
        }
        long expected = (long) blocks * (blocks + 1) / 2;
        if (seen.cardinality() != expected) {
            throw new IllegalArgumentException("the plan covers " + seen.cardinality() + " of the " + expected + " tiles");
        }
        return new TilePlan(rows, tileSize, parts);
    }

    private static void check(int rows, int tileSize) {
        if (rows < 2) {
            throw new IllegalArgumentException(rows + " embeddings; all-pairs evaluation needs at least 2");
        }
        if (tileSize < 1) {
            throw new IllegalArgumentException("--tile " + tileSize + ": expected >= 1");
        }
    }

    private static int blocks(int rows, int tileSize) {
        return (int) ((rows + (long) tileSize - 1) / tileSize);
    }

    /** Pairs {@code i < j} (embedding indices) inside tile (bi, bj). */
    private static long pairs(int rows, int tileSize, int bi, int bj) {
        long ri = Math.min(rows, (long) (bi + 1) * tileSize) - (long) bi * tileSize;
        long rj = Math.min(rows, (long) (bj + 1) * tileSize) - (long) bj * tileSize;
        return bi == bj ? ri * (ri - 1) / 2 : ri * rj;
    }

    /** @return {@code N} */
    public int rows() {
        return rows;
    }

    /** @return the tile edge */
    public int tileSize() {
        return tileSize;
    }

    /** @return the number of row (and column) blocks, {@code ⌈N / tileSize⌉} */
    public int blocks() {
        return blocks(rows, tileSize);
    }

    /** @return the number of partitions */
    public int partitionCount() {
        return partitions.length;
    }

    /**
     * The tiles of a partition, sorted by row block then column block.
     *
     * @param partition the partition index
     * @return {@code [T][2]} tiles {@code {i, j}}
     */
    public int[][] tiles(int partition) {
        int[] flat = partitions[partition];
        int[][] t = new int[flat.length / 2][];
        for (int k = 0; k < t.length; k++) {
            t[k] = new int[] {flat[2 * k], flat[2 * k + 1]};
        }
        return t;
    }

    /**
     * The first row and the end row of a block.
     *
     * @param block the block index
     * @return {@code {from, to}}
     */
    public int[] blockRows(int block) {
        return new int[] {block * tileSize, (int) Math.min(rows, (long) (block + 1) * tileSize)};
    }

    /**
     * Pairs scored by a partition (for progress and the cost model).
     *
     * @param partition the partition index
     * @return its pair count
     */
    public long pairs(int partition) {
        long n = 0;
        int[] flat = partitions[partition];
        for (int k = 0; k < flat.length; k += 2) {
            n += pairs(rows, tileSize, flat[k], flat[k + 1]);
        }
        return n;
    }

    @Override
    public String toString() {
        return "TilePlan[N=" + rows + ", tile " + tileSize + ", " + blocks() + " blocks, " + partitions.length + " partitions, tiles per partition "
                + Arrays.stream(partitions).mapToInt(p -> p.length / 2).summaryStatistics() + "]";
    }
}
