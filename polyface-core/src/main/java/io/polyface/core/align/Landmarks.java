package io.polyface.core.align;

import java.util.Arrays;

/**
 * Facial landmark points in pixel coordinates (pixel centres at integers, origin top-left).
 * For 5-point alignment the order is the ArcFace/RetinaFace/YuNet one, named as seen in the image:
 * left eye, right eye, nose tip, left mouth corner, right mouth corner (the subject's right eye is the
 * image's left one).
 *
 * @param xy interleaved coordinates {@code x0, y0, x1, y1, …}, even length ≥ 2, all finite
 */
public record Landmarks(double[] xy) {

    /** Number of points in the five-point layout. */
    public static final int FIVE = 5;

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the array is null, of odd or zero length, or holds a non-finite value
     */
    public Landmarks {
        if (xy == null || xy.length < 2 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("landmarks: expected interleaved x,y pairs (even length >= 2), got "
                    + (xy == null ? "null" : xy.length + " values"));
        }
        for (int i = 0; i < xy.length; i++) {
            if (!Double.isFinite(xy[i])) {
                throw new IllegalArgumentException("landmark coordinate " + i + " is " + xy[i] + "; must be finite");
            }
        }
        xy = xy.clone();
    }

    /**
     * @param xy interleaved coordinates {@code x0, y0, x1, y1, …}
     * @return the landmarks
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Landmarks of(double... xy) {
        return new Landmarks(xy);
    }

    /** @return a copy of the interleaved coordinates */
    @Override
    public double[] xy() {
        return xy.clone();
    }

    /** @return the number of points */
    public int size() {
        return xy.length / 2;
    }

    /**
     * @param i point index
     * @return x of point {@code i}
     */
    public double x(int i) {
        return xy[2 * i];
    }

    /**
     * @param i point index
     * @return y of point {@code i}
     */
    public double y(int i) {
        return xy[2 * i + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks l && Arrays.equals(l.xy, xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks" + Arrays.toString(xy);
    }
}
