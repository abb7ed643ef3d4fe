package io.polyface.spark.eval;

import io.polyface.core.eval.TiledCosineSimilarity;
import io.polyface.core.io.FeatureMatrix;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Computes the tiles of one partition of a {@link TilePlan} with core's tiled scorer
 * ({@link TiledCosineSimilarity#tile(TiledCosineSimilarity.Block, TiledCosineSimilarity.Block)}), holding at most two
 * uploaded blocks at a time: the current row block, and one column block while its tile is scored. Memory
 * {@code O(tileSize · d + tileSize²)} per task, whatever {@code N}.
 */
final class TileScanner {

    /** Reads the rows of a block. */
    @FunctionalInterface
    interface BlockReader {
        /**
         * @param from the first row
         * @param to the end row (exclusive)
         * @return the rows
         * @throws IOException if they cannot be read
         */
        FeatureMatrix read(int from, int to) throws IOException;
    }

    private TileScanner() {}

    /**
     * Scores every tile of a partition, in row-block order.
     *
     * @param plan the plan
     * @param partition the partition index
     * @param reader reads block rows
     * @param sink receives each tile (its scores array is the receiver's)
     * @throws IOException if a block cannot be read
     */
    static void scan(TilePlan plan, int partition, BlockReader reader, Consumer<TiledCosineSimilarity.Tile> sink) throws IOException {
        int[][] tiles = plan.tiles(partition);
        TiledCosineSimilarity.Block rowBlock = null;
        try {
            for (int[] t : tiles) {
                if (rowBlock == null || rowBlock.firstRow() != plan.blockRows(t[0])[0]) {
                    if (rowBlock != null) {
                        rowBlock.close();
                        rowBlock = null;
                    }
                    rowBlock = upload(plan, reader, t[0]);
                }
                if (t[1] == t[0]) {
                    sink.accept(TiledCosineSimilarity.tile(rowBlock, rowBlock));
                } else {
                    try (TiledCosineSimilarity.Block colBlock = upload(plan, reader, t[1])) {
                        sink.accept(TiledCosineSimilarity.tile(rowBlock, colBlock));
                    }
                }
            }
        } finally {
            if (rowBlock != null) {
                rowBlock.close();
            }
        }
    }

    private static TiledCosineSimilarity.Block upload(TilePlan plan, BlockReader reader, int block) throws IOException {
        int[] r = plan.blockRows(block);
        return TiledCosineSimilarity.Block.upload(reader.read(r[0], r[1]), r[0]);
    }
}
