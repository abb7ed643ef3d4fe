package io.polyface.core.eval;

import java.util.List;
import java.util.Objects;

/**
 * A verification ROC curve sampled on a logarithmic FAR grid: for each grid FAR {@code g} the point is
 * the exact best operating point for target {@code g} (see {@link OperatingPoint}); points are sorted
 * by FAR, then TAR, ascending, without repeats. Every point is a true ROC point of the scores.
 *
 * @param points the points, ascending
 */
public record RocCurve(List<RocPoint> points) {

    /**
     * Makes the list immutable.
     *
     * @throws NullPointerException if {@code points} is null
     */
    public RocCurve {
        points = List.copyOf(Objects.requireNonNull(points, "points"));
    }
}
