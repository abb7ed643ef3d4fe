package io.polyface.aggregation;

/**
 * Aggregates a set of frame embeddings (the frames of one video track, or the images of one
 * template) into one feature vector. Float arrays in, a float array out; no deep-learning engine is
 * needed.
 *
 * <p><b>Shapes.</b> The frames are {@code [n, d]}: {@code n >= 1} frames of dimension {@code d >= 1},
 * given either as rows ({@code float[n][d]}) or as one row-major array ({@code float[n * d]}, frame
 * {@code i} component {@code j} at {@code i * d + j}). Optional per-frame arrays have length
 * {@code n}: {@code qualityScores} (quality-network outputs for {@link Qan} and {@link QanPlusPlus},
 * detector faceness scores for {@link IjbTemplate} with faceness weighting) and {@code mediaIds} (the
 * media — still image or video — each frame comes from, for {@link IjbTemplate}). An aggregator that
 * does not use one of them ignores it (it may be null). The result has length {@code d}.
 *
 * <p><b>Contract shared by every implementation.</b>
 * <ul>
 *   <li>The inputs are never modified; the result is a new array.</li>
 *   <li>An empty set ({@code n = 0}) is rejected with an {@link IllegalArgumentException}.</li>
 *   <li>A NaN or infinite embedding value or score is rejected with an {@link IllegalArgumentException}
 *       naming the frame index (and, for embeddings, the component).</li>
 *   <li>Whether the result is L2-normalised is the explicit option {@link #normalize()}, chosen when the
 *       aggregator is built; each implementation documents its default and what the result is when the
 *       option is off. Cosine matching of the results does not depend on it.</li>
 *   <li>Sums are accumulated in double precision and rounded to float once.</li>
 *   <li>Implementations are immutable and thread-safe, and serializable (polyface-spark sends them to its
 *       executors).</li>
 * </ul>
 *
 * <p>Formulas and sources: see each implementation and
 * {@code ../shared/spec/aggregation-and-evaluation.md}, section Aggregation.
 */
public interface Aggregator extends java.io.Serializable {

    /**
     * Aggregates frames given as rows.
     *
     * @param frames {@code [n, d]}, {@code n >= 1}, all rows of length {@code d >= 1}; not modified
     * @param qualityScores {@code [n]} per-frame scores, or null where the aggregator does not use them
     * @param mediaIds {@code [n]} per-frame media ids, or null where the aggregator does not use them
     * @return the aggregated feature {@code [d]}
     * @throws IllegalArgumentException if the set is empty, the rows are ragged or null, a value is NaN
     *     or infinite, an array the aggregator needs is missing or not of length {@code n}, or the
     *     implementation's own conditions fail (see its documentation)
     */
    float[] aggregate(float[][] frames, float[] qualityScores, String[] mediaIds);

    /**
     * Aggregates frames given as one row-major array.
     *
     * @param frames row-major {@code [n, d]}, length {@code n * d}; not modified
     * @param n the number of frames, {@code >= 1}
     * @param d the embedding dimension, {@code >= 1}
     * @param qualityScores {@code [n]} per-frame scores, or null where the aggregator does not use them
     * @param mediaIds {@code [n]} per-frame media ids, or null where the aggregator does not use them
     * @return the aggregated feature {@code [d]}
     * @throws IllegalArgumentException if {@code n < 1}, {@code d < 1}, {@code frames.length != n * d},
     *     a value is NaN or infinite, an array the aggregator needs is missing or not of length
     *     {@code n}, or the implementation's own conditions fail (see its documentation)
     */
    float[] aggregate(float[] frames, int n, int d, float[] qualityScores, String[] mediaIds);

    /**
     * Aggregates frames given as rows, with per-frame scores and no media ids.
     *
     * @param frames {@code [n, d]}; not modified
     * @param qualityScores {@code [n]}, or null where the aggregator does not use them
     * @return the aggregated feature {@code [d]}
     * @throws IllegalArgumentException as {@link #aggregate(float[][], float[], String[])}
     */
    default float[] aggregate(float[][] frames, float[] qualityScores) {
        return aggregate(frames, qualityScores, null);
    }

    /**
     * Aggregates frames given as rows, with neither scores nor media ids (for aggregators that need
     * neither, such as {@link MeanPooling}).
     *
     * @param frames {@code [n, d]}; not modified
     * @return the aggregated feature {@code [d]}
     * @throws IllegalArgumentException as {@link #aggregate(float[][], float[], String[])}
     */
    default float[] aggregate(float[][] frames) {
        return aggregate(frames, null, null);
    }

    /**
     * The method this aggregator implements.
     *
     * @return the method
     */
    AggregationMethod method();

    /**
     * Whether the result is L2-normalised (unit Euclidean norm).
     *
     * @return the option chosen when this aggregator was built
     */
    boolean normalize();

    /**
     * Whether {@code qualityScores} must be given (non-null, one finite value per frame).
     *
     * @return true for QAN, QAN++ and faceness-weighted IJB templates
     */
    boolean requiresQualityScores();

    /**
     * Whether {@code mediaIds} must be given (non-null, one non-null id per frame).
     *
     * @return true for IJB templates; false (this default) for the aggregators that ignore media ids
     */
    default boolean requiresMediaIds() {
        return false;
    }
}
