package io.polyface.core.io;

import io.polyface.core.util.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable {@code [rows, cols]} float32 matrix stored row-major in one array: one embedding
 * (feature vector) per row, as held by an LFR feature file ({@link LfrFeatureFile}).
 *
 * <p>At most {@code Integer.MAX_VALUE - 8} elements (a Java array), e.g. 1,862,120 × 512 for the
 * LFR 2019 image track.
 */
public final class FeatureMatrix {

    /** The largest number of elements a Java array can hold on common JVMs. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8L;

    private final int rows;
    private final int cols;
    private final float[] data;

    /** Takes ownership of {@code data} (no copy); callers in this package hand over fresh arrays only. */
    FeatureMatrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * Copies a row-major array into a matrix.
     *
     * @param rows the number of rows, {@code >= 0}
     * @param cols the number of columns, {@code >= 1}
     * @param rowMajor {@code rows * cols} values, row after row (copied)
     * @return the matrix
     * @throws IllegalArgumentException if a size is out of range or the array length is not {@code rows * cols}
     */
    public static FeatureMatrix fromRowMajor(int rows, int cols, float[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        checkShape(rows, cols);
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("rowMajor has " + rowMajor.length + " values, expected rows*cols = "
                    + rows + "*" + cols + " = " + (long) rows * cols);
        }
        return new FeatureMatrix(rows, cols, rowMajor.clone());
    }

    /**
     * Copies a rectangular array of rows into a matrix.
     *
     * @param matrix {@code [rows][cols]} values, {@code cols >= 1}; every row the same length (copied)
     * @return the matrix
     * @throws IllegalArgumentException if the array is empty-columned, ragged or too large
     */
    public static FeatureMatrix of(float[][] matrix) {
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.length == 0) {
            throw new IllegalArgumentException("matrix has no rows: the number of columns is unknown; use fromRowMajor(0, cols, new float[0])");
        }
        int cols = matrix[0].length;
        checkShape(matrix.length, cols);
        float[] data = new float[matrix.length * cols];
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r].length != cols) {
                throw new IllegalArgumentException("matrix row " + r + " has " + matrix[r].length
                        + " values, expected " + cols + " like row 0");
            }
            System.arraycopy(matrix[r], 0, data, r * cols, cols);
        }
        return new FeatureMatrix(matrix.length, cols, data);
    }

    static void checkShape(long rows, long cols) {
        Checks.atLeast("rows", rows, 0);
        Checks.atLeast("cols", cols, 1);
        if (rows * cols > MAX_ELEMENTS) {
            throw new IllegalArgumentException("rows*cols = " + rows + "*" + cols + " = " + rows * cols
                    + " exceeds the " + MAX_ELEMENTS + " elements one Java array can hold");
        }
    }

    /**
     * Returns the number of rows.
     *
     * @return the number of rows (embeddings)
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the number of columns.
     *
     * @return the number of columns (embedding dimension)
     */
    public int cols() {
        return cols;
    }

    /**
     * Returns one element.
     *
     * @param row the row, {@code 0 <= row < rows}
     * @param col the column, {@code 0 <= col < cols}
     * @return the value
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public float get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return data[row * cols + col];
    }

    /**
     * Returns a copy of one row.
     *
     * @param row the row, {@code 0 <= row < rows}
     * @return a new array of {@code cols} values
     * @throws IndexOutOfBoundsException if the row is out of range
     */
    public float[] row(int row) {
        Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    /**
     * Copies rows {@code [fromRow, toRow)} row-major into {@code dst} starting at {@code dstOffset}.
     *
     * @param fromRow the first row, inclusive
     * @param toRow the last row, exclusive
     * @param dst the destination, with room for {@code (toRow - fromRow) * cols} values from {@code dstOffset}
     * @param dstOffset where to start writing in {@code dst}
     * @throws IndexOutOfBoundsException if the range or the destination is out of bounds
     */
    public void copyRows(int fromRow, int toRow, float[] dst, int dstOffset) {
        Objects.checkFromToIndex(fromRow, toRow, rows);
        System.arraycopy(data, fromRow * cols, dst, dstOffset, (toRow - fromRow) * cols);
    }

    /**
     * Returns a copy of the whole matrix as an array of rows.
     *
     * @return a new {@code [rows][cols]} array
     */
    public float[][] toArray() {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + ", " + cols + "]";
    }
}
