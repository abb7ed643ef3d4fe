package io.polyface.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.embed.L2;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.util.Checks;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cosine similarity matrix {@code S = X̂ X̂ᵀ} of {@code N} embeddings, computed one
 * {@code tileSize × tileSize} tile at a time by float32 matrix products on DJL's engine (PyTorch: a BLAS
 * {@code sgemm}), so that the {@code N × N} matrix is never held. {@code X̂} holds the L2-normalised
 * rows ({@link CosineSimilarity}) in native memory, {@code N·d} floats, uploaded in row tiles.
 *
 * <p>Calls must come from one thread at a time. Close it to free the native memory.
 */
public final class TiledCosineSimilarity implements AutoCloseable {

    /**
     * One tile of the similarity matrix.
     *
     * @param rowStart the first row (embedding index) of the tile
     * @param rows the number of rows
     * @param colStart the first column (embedding index) of the tile
     * @param cols the number of columns
     * @param scores the {@code [rows, cols]} cosine scores, row-major: {@code scores[r*cols + c]} is the
     *     score of embeddings {@code rowStart + r} and {@code colStart + c}; owned by the receiver
     */
    public record Tile(int rowStart, int rows, int colStart, int cols, float[] scores) {
    }

    /**
     * One row tile of {@code X̂}: rows {@code [firstRow, firstRow + rows)} of the embeddings, L2-normalised
     * ({@link CosineSimilarity}) and uploaded to the engine as a {@code [rows, d]} float32 array. A worker that
     * scores only some tiles of the grid (polyface-spark) uploads the blocks it needs with {@link #upload} and
     * calls {@link #tile(Block, Block)}: the product is then computed exactly as {@link #tile(int, int)} computes
     * it for the same tile edge (same normalisation, same matrix shapes, same engine call), so the scores are
     * bit for bit the same. Close it to free its native memory.
     */
    public static final class Block implements AutoCloseable {
        private final NDManager manager;
        private final NDArray normalized;
        private final int firstRow;
        private final int rows;

        private Block(NDManager manager, NDArray normalized, int firstRow, int rows) {
            this.manager = manager;
            this.normalized = normalized;
            this.firstRow = firstRow;
            this.rows = rows;
        }

        /**
         * Normalises rows and uploads them.
         *
         * @param rows the {@code [r, d]} embeddings of this tile, {@code r >= 1} (not modified)
         * @param firstRow the index of the first of them among all {@code N} embeddings, {@code >= 0}
         * @return the uploaded block
         * @throws IllegalArgumentException if {@code rows} is empty, {@code firstRow < 0}, or a row is all zero or
         *     not finite (naming the row by its index among all embeddings)
         */
        public static Block upload(FeatureMatrix rows, int firstRow) {
            Objects.requireNonNull(rows, "rows");
            if (rows.rows() < 1 || firstRow < 0) {
                throw new IllegalArgumentException("block of " + rows.rows() + " rows at row " + firstRow
                        + "; expected >= 1 rows at a row >= 0");
            }
            float[] data = new float[rows.rows() * rows.cols()];
            rows.copyRows(0, rows.rows(), data, 0);
            return uploadOwned(data, rows.rows(), rows.cols(), firstRow);
        }

        /** Normalises {@code data} ({@code [r, d]}, row-major, owned by the block from now on) in place and uploads it. */
        private static Block uploadOwned(float[] data, int r, int d, int firstRow) {
            for (int i = 0; i < r; i++) {
                L2.normalizeInto(data, i * d, data, i * d, d, "embedding row " + (firstRow + i));
            }
            NDManager manager = NDManager.newBaseManager();
            try {
                return new Block(manager, manager.create(data, new Shape(r, d)), firstRow, r);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        /** @return the index of the block's first row among all embeddings */
        public int firstRow() {
            return firstRow;
        }

        /** @return the number of rows of the block */
        int rows() {
            return rows;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    private final List<Block> rowTiles;
    private final int rows;

    private TiledCosineSimilarity(List<Block> rowTiles, int rows) {
        this.rowTiles = rowTiles;
        this.rows = rows;
    }

    /**
     * Normalises the embeddings and uploads them to the engine.
     *
     * @param embeddings the {@code [N, d]} embeddings (not modified)
     * @param tileSize the tile edge, {@code >= 1}; a tile holds {@code tileSize²} floats
     * @return the tiled similarity
     * @throws IllegalArgumentException if {@code tileSize < 1} or a row is all zero or not finite (naming the row)
     */
    public static TiledCosineSimilarity create(FeatureMatrix embeddings, int tileSize) {
        Objects.requireNonNull(embeddings, "embeddings");
        Checks.atLeast("tileSize", tileSize, 1);
        int n = embeddings.rows();
        int d = embeddings.cols();
        List<Block> tiles = new ArrayList<>();
        try {
            for (int start = 0; start < n; start += tileSize) {
                int end = Math.min(n, start + tileSize);
                float[] data = new float[(end - start) * d];
                embeddings.copyRows(start, end, data, 0);
                tiles.add(Block.uploadOwned(data, end - start, d, start));
            }
            return new TiledCosineSimilarity(tiles, n);
        } catch (RuntimeException e) {
            tiles.forEach(Block::close);
            throw e;
        }
    }

    /**
     * Returns the number of embeddings.
     *
     * @return {@code N}
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the number of row (and column) tiles.
     *
     * @return {@code ⌈N / tileSize⌉}
     */
    public int tileCount() {
        return rowTiles.size();
    }

    /**
     * Computes one tile, {@code X̂[rowTile] · X̂[colTile]ᵀ}.
     *
     * @param rowTile the row tile index, {@code 0 <= rowTile < tileCount()}
     * @param colTile the column tile index, {@code 0 <= colTile < tileCount()}
     * @return the tile's scores
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Tile tile(int rowTile, int colTile) {
        return tile(rowTiles.get(rowTile), rowTiles.get(colTile));
    }

    /**
     * Computes the tile {@code X̂[rowBlock] · X̂[colBlock]ᵀ} of two uploaded blocks, from any thread (each block
     * used by one thread at a time).
     *
     * @param rowBlock the rows
     * @param colBlock the columns
     * @return the {@code [rowBlock.rows(), colBlock.rows()]} scores; row and column starts are the blocks' first rows
     */
    public static Tile tile(Block rowBlock, Block colBlock) {
        try (NDManager scope = rowBlock.manager.newSubManager()) {
            float[] scores = product(rowBlock, colBlock, scope).toFloatArray();
            return new Tile(rowBlock.firstRow, rowBlock.rows, colBlock.firstRow, colBlock.rows, scores);
        }
    }

    /** The product {@code X̂[rowBlock] · X̂[colBlock]ᵀ}, {@code [rows, cols]}, its intermediates and itself in {@code scope}. */
    private static NDArray product(Block rowBlock, Block colBlock, NDManager scope) {
        NDArray bt = colBlock.normalized.transpose();
        bt.attach(scope);
        NDArray product = rowBlock.normalized.matMul(bt);
        product.attach(scope);
        return product;
    }

    /**
     * Computes one tile, {@code X̂[rowTile] · X̂[colTile]ᵀ}, and leaves it in the engine's memory: the all-pairs scan
     * reads it row by row ({@link NativeTile#copyRow}) instead of copying the whole tile to a Java array first. Same
     * product, same scores as {@link #tile(int, int)}.
     *
     * @param rowTile the row tile index, {@code 0 <= rowTile < tileCount()}
     * @param colTile the column tile index, {@code 0 <= colTile < tileCount()}
     * @return the tile; close it (after every reader is done) to free its memory
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public NativeTile nativeTile(int rowTile, int colTile) {
        Block rowBlock = rowTiles.get(rowTile);
        Block colBlock = rowTiles.get(colTile);
        NDManager scope = rowBlock.manager.newSubManager();
        try {
            FloatBuffer scores = product(rowBlock, colBlock, scope).toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
            return new NativeTile(rowBlock.firstRow, rowBlock.rows, colBlock.firstRow, colBlock.rows, scores, scope);
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /**
     * A tile of the similarity matrix in the engine's memory ({@code [rows, cols]} float32, row-major), read by
     * {@link #copyRow} — from several threads at once, each into its own buffer — until it is closed.
     */
    public static final class NativeTile implements AutoCloseable {
        private final int rowStart;
        private final int rows;
        private final int colStart;
        private final int cols;
        private final FloatBuffer scores;
        private final NDManager scope;

        private NativeTile(int rowStart, int rows, int colStart, int cols, FloatBuffer scores, NDManager scope) {
            this.rowStart = rowStart;
            this.rows = rows;
            this.colStart = colStart;
            this.cols = cols;
            this.scores = scores;
            this.scope = scope;
        }

        /** @return the first row (embedding index) of the tile */
        int rowStart() {
            return rowStart;
        }

        /** @return the number of rows */
        int rows() {
            return rows;
        }

        /** @return the first column (embedding index) of the tile */
        int colStart() {
            return colStart;
        }

        /** @return the number of columns */
        int cols() {
            return cols;
        }

        /**
         * Copies part of a row (an absolute bulk read: the buffer's position is not used, so threads may read at once).
         *
         * @param r the tile row
         * @param from the first tile column
         * @param length how many scores
         * @param dst receives them at index 0
         */
        public void copyRow(int r, int from, int length, float[] dst) {
            scores.get(r * cols + from, dst, 0, length);
        }

        @Override
        public void close() {
            scope.close();
        }
    }

    @Override
    public void close() {
        rowTiles.forEach(Block::close);
    }
}
