package io.polyface.core.align;

import io.polyface.core.image.AffineMatrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A 2-D similarity transform (uniform scale, rotation, translation, no reflection):
 * {@code x' = a·x − b·y + tx}, {@code y' = b·x + a·y + ty}, with {@code a = s·cos θ}, {@code b = s·sin θ}.
 *
 * @param a scale times cosine of the rotation
 * @param b scale times sine of the rotation
 * @param tx translation in x, pixels
 * @param ty translation in y, pixels
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /**
     * Least-squares fit mapping {@code from} onto {@code to}: minimises
     * {@code Σᵢ ‖T(fromᵢ) − toᵢ‖²} over (a, b, tx, ty). Being linear in these four unknowns, the problem
     * is solved as an overdetermined linear system {@code A·[a b tx ty]ᵀ = d} (rows
     * {@code [xᵢ −yᵢ 1 0]} and {@code [yᵢ xᵢ 0 1]}) by Householder QR (Apache Commons Math). Every
     * (a, b) is a scaled rotation, so this is the same minimiser as Umeyama's closed form without
     * reflection (S. Umeyama, "Least-squares estimation of transformation parameters between two
     * point patterns", IEEE TPAMI 13(4), 1991, eqs. 40–42), which InsightFace uses through
     * scikit-image's {@code SimilarityTransform.estimate}.
     *
     * @param from source points (e.g. detected landmarks)
     * @param to target points (e.g. the ArcFace template), same count
     * @return the fitted transform
     * @throws IllegalArgumentException if the counts differ, fewer than 2 points are given, or the source points all coincide
     */
    public static SimilarityTransform estimate(Landmarks from, Landmarks to) {
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("similarity fit: " + from.size() + " source points but " + to.size() + " target points");
        }
        int n = from.size();
        if (n < 2) {
            throw new IllegalArgumentException("similarity fit: needs at least 2 point pairs, got " + n);
        }
        double spread = 0;
        for (int i = 1; i < n; i++) {
            spread = Math.max(spread, Math.hypot(from.x(i) - from.x(0), from.y(i) - from.y(0)));
        }
        if (spread < 1e-9) {
            throw new IllegalArgumentException("similarity fit: the " + n + " source points coincide at ("
                    + from.x(0) + ", " + from.y(0) + "); the transform is undetermined");
        }
        RealMatrix design = new Array2DRowRealMatrix(2 * n, 4);
        RealVector target = new ArrayRealVector(2 * n);
        for (int i = 0; i < n; i++) {
            double x = from.x(i);
            double y = from.y(i);
            design.setRow(2 * i, new double[] {x, -y, 1, 0});
            design.setRow(2 * i + 1, new double[] {y, x, 0, 1});
            target.setEntry(2 * i, to.x(i));
            target.setEntry(2 * i + 1, to.y(i));
        }
        RealVector p = new QRDecomposition(design).getSolver().solve(target);
        return new SimilarityTransform(p.getEntry(0), p.getEntry(1), p.getEntry(2), p.getEntry(3));
    }

    /** @return the scale factor {@code s = √(a² + b²)} */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** @return the rotation angle θ in radians, counter-clockwise in a y-up frame (clockwise on screen) */
    public double rotationRadians() {
        return Math.atan2(b, a);
    }

    /**
     * Maps the points.
     *
     * @param points the points
     * @return the mapped points
     */
    public Landmarks apply(Landmarks points) {
        double[] out = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            out[2 * i] = a * points.x(i) - b * points.y(i) + tx;
            out[2 * i + 1] = b * points.x(i) + a * points.y(i) + ty;
        }
        return new Landmarks(out);
    }

    /** @return the same map as a 2×3 affine matrix */
    public AffineMatrix toAffine() {
        return new AffineMatrix(a, -b, tx, b, a, ty);
    }
}
