package io.polyface.core.image;

/**
 * A 2-D affine map in pixel coordinates, {@code x' = m00·x + m01·y + m02}, {@code y' = m10·x + m11·y + m12}
 * (the 2×3 matrix OpenCV's {@code warpAffine} takes). Pixel centres are at integer coordinates.
 *
 * @param m00 row 0, column 0
 * @param m01 row 0, column 1
 * @param m02 row 0, translation
 * @param m10 row 1, column 0
 * @param m11 row 1, column 1
 * @param m12 row 1, translation
 */
public record AffineMatrix(double m00, double m01, double m02, double m10, double m11, double m12) {

    /**
     * Checks that every entry is finite.
     *
     * @throws IllegalArgumentException naming the entry otherwise
     */
    public AffineMatrix {
        double[] v = {m00, m01, m02, m10, m11, m12};
        String[] names = {"m00", "m01", "m02", "m10", "m11", "m12"};
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("affine matrix entry " + names[i] + " = " + v[i] + ": must be finite");
            }
        }
    }

    /** @return the identity map */
    public static AffineMatrix identity() {
        return new AffineMatrix(1, 0, 0, 0, 1, 0);
    }

    /**
     * @param x source x
     * @param y source y
     * @return mapped x
     */
    public double applyX(double x, double y) {
        return m00 * x + m01 * y + m02;
    }

    /**
     * @param x source x
     * @param y source y
     * @return mapped y
     */
    public double applyY(double x, double y) {
        return m10 * x + m11 * y + m12;
    }

    /** @return the determinant of the linear part */
    public double determinant() {
        return m00 * m11 - m01 * m10;
    }

    /**
     * The inverse map.
     *
     * @return the inverse
     * @throws IllegalArgumentException if the linear part is singular (|det| &lt; 1e-12)
     */
    public AffineMatrix inverse() {
        double det = determinant();
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("affine matrix " + this + " is singular (determinant " + det + ")");
        }
        double i00 = m11 / det;
        double i01 = -m01 / det;
        double i10 = -m10 / det;
        double i11 = m00 / det;
        return new AffineMatrix(i00, i01, -(i00 * m02 + i01 * m12), i10, i11, -(i10 * m02 + i11 * m12));
    }
}
