package io.polyface.core.detect;

import io.polyface.core.align.Landmarks;

/**
 * One detected face, in the pixel coordinates of the image given to the detector.
 *
 * @param x left edge of the box
 * @param y top edge of the box
 * @param width box width, pixels
 * @param height box height, pixels
 * @param score detection confidence in [0, 1]
 * @param landmarks five points: left eye, right eye, nose tip, left and right mouth corners (image left/right)
 */
public record DetectedFace(double x, double y, double width, double height, double score, Landmarks landmarks) {

    /** @throws IllegalArgumentException if landmarks is null or not five points */
    public DetectedFace {
        if (landmarks == null || landmarks.size() != Landmarks.FIVE) {
            throw new IllegalArgumentException("detected face: expected 5 landmarks, got " + landmarks);
        }
    }

    /** @return the box area in square pixels (0 for a degenerate box) */
    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    /**
     * Intersection over union of two boxes.
     *
     * @param other the other face
     * @return IoU in [0, 1]; 0 when either box is empty
     */
    public double iou(DetectedFace other) {
        double ix = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
        double iy = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
