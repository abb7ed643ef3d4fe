package io.polyface.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.io.FeatureMatrix;

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

    private final NDManager manager;
    private final List<NDArray> rowTiles;
    private final int rows;
    private final int tileSize;

    private TiledCosineSimilarity(NDManager manager, List<NDArray> rowTiles, int rows, int tileSize) {
        this.manager = manager;
        this.rowTiles = rowTiles;
        this.rows = rows;
        this.tileSize = tileSize;
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
        if (tileSize < 1) {
            throw new IllegalArgumentException("tileSize = " + tileSize + ", expected >= 1");
        }
        int n = embeddings.rows();
        int d = embeddings.cols();
        NDManager manager = NDManager.newBaseManager();
        try {
            List<NDArray> tiles = new ArrayList<>();
            float[] buf = new float[Math.min(n, tileSize) * d];
            for (int start = 0; start < n; start += tileSize) {
                int end = Math.min(n, start + tileSize);
                int len = (end - start) * d;
                embeddings.copyRows(start, end, buf, 0);
                for (int r = start; r < end; r++) {
                    int off = (r - start) * d;
                    CosineSimilarity.normalizeInto(buf, off, buf, off, d, "embedding row " + r);
                }
                float[] data = len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
                tiles.add(manager.create(data, new Shape(end - start, d)));
            }
            return new TiledCosineSimilarity(manager, tiles, n, tileSize);
        } catch (RuntimeException e) {
            manager.close();
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
        NDArray a = rowTiles.get(rowTile);
        NDArray b = rowTiles.get(colTile);
        try (NDManager scope = manager.newSubManager()) {
            NDArray bt = b.transpose();
            bt.attach(scope);
            NDArray product = a.matMul(bt);
            product.attach(scope);
            float[] scores = product.toFloatArray();
            return new Tile(rowTile * tileSize, (int) a.getShape().get(0), colTile * tileSize, (int) b.getShape().get(0), scores);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
