package io.polyface.losses.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Copies between NDArrays and Java arrays for the tests. */
public final class Arrays2 {

    private Arrays2() {}

    public static NDArray create(NDManager manager, float[][] values, DataType type) {
        int rows = values.length;
        int cols = values[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                flat[i * cols + j] = values[i][j];
            }
        }
        return manager.create(flat, new Shape(rows, cols)).toType(type, false);
    }

    public static NDArray create(NDManager manager, double[][] values, DataType type) {
        int rows = values.length;
        int cols = values[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values[i], 0, flat, i * cols, cols);
        }
        return manager.create(flat, new Shape(rows, cols)).toType(type, false);
    }

    /** A {@code [R, K]} array as {@code double[R][K]}. */
    public static double[][] toMatrix(NDArray array) {
        Shape shape = array.getShape();
        int rows = Math.toIntExact(shape.get(0));
        int cols = Math.toIntExact(shape.get(1));
        double[] flat = array.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public static double[] toVector(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    public static double scalar(NDArray array) {
        return array.toType(DataType.FLOAT64, false).getDouble();
    }

    public static double[][] copy(double[][] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].clone();
        }
        return out;
    }
}
