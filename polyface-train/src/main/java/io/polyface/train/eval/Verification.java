package io.polyface.train.eval;

import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.eval.VerificationScores;
import io.polyface.core.io.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Verification figures from embeddings, with core's evaluators: all pairs of labelled embeddings
 * ({@link AllPairsEvaluator}, cosine score, exact TAR@FAR) for held-out identities, or listed pairs
 * ({@link VerificationScores}) for InsightFace {@code .bin} sets.
 */
public final class Verification {

    private Verification() {}

    /**
     * All pairs of labelled embeddings.
     *
     * @param step the training step
     * @param set the set's name
     * @param embeddings {@code [N, d]}
     * @param labels identity of each row
     * @param fars target FARs
     * @return the result
     * @throws IllegalArgumentException if there are no genuine or no impostor pairs
     */
    public static EvaluationResult allPairs(long step, String set, FeatureMatrix embeddings, int[] labels, List<Double> fars) {
        VerificationResult r = AllPairsEvaluator.builder().optTargetFars(fars).build().evaluate(embeddings, labels);
        return new EvaluationResult(step, set, embeddings.rows(), r.genuineCount(), r.impostorCount(), r.operatingPoints());
    }

    /**
     * Listed pairs of a {@code .bin} set whose images may have been skipped as corrupt: images {@code 2i} and
     * {@code 2i + 1} form pair {@code i}; a pair with a skipped image is left out.
     *
     * @param step the training step
     * @param set the set's name
     * @param embeddings the embeddings of the set's images that could be read
     * @param genuine whether each of the {@code P} pairs is genuine ({@code embeddings.datasetSize() = 2P})
     * @param fars target FARs
     * @return the result over the complete pairs
     * @throws IllegalArgumentException if the set does not hold {@code 2P} images or a class of complete pairs is empty
     */
    public static EvaluationResult pairs(long step, String set, DatasetEmbeddings embeddings, boolean[] genuine, List<Double> fars) {
        if (embeddings.datasetSize() != 2 * genuine.length) {
            throw new IllegalArgumentException(embeddings.datasetSize() + " images for " + genuine.length + " pairs; expected two per pair");
        }
        if (embeddings.skipped() == 0) {
            return pairs(step, set, embeddings.features(), genuine, fars);
        }
        List<float[]> rows = new ArrayList<>();
        List<Boolean> kept = new ArrayList<>();
        for (int p = 0; p < genuine.length; p++) {
            int a = embeddings.rowOf(2 * p);
            int b = embeddings.rowOf(2 * p + 1);
            if (a >= 0 && b >= 0) {
                rows.add(embeddings.features().row(a));
                rows.add(embeddings.features().row(b));
                kept.add(genuine[p]);
            }
        }
        boolean[] flags = new boolean[kept.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = kept.get(i);
        }
        return pairs(step, set, FeatureMatrix.of(rows.toArray(new float[0][])), flags, fars);
    }

    /**
     * Listed pairs: rows {@code 2i} and {@code 2i + 1} form pair {@code i} (the {@code .bin} layout).
     *
     * @param step the training step
     * @param set the set's name
     * @param embeddings {@code [2P, d]}
     * @param genuine whether each of the {@code P} pairs is genuine
     * @param fars target FARs
     * @return the result
     * @throws IllegalArgumentException if the row count is not {@code 2P} or a class of pairs is empty
     */
    public static EvaluationResult pairs(long step, String set, FeatureMatrix embeddings, boolean[] genuine, List<Double> fars) {
        if (embeddings.rows() != 2 * genuine.length) {
            throw new IllegalArgumentException(embeddings.rows() + " embeddings for " + genuine.length + " pairs; expected two per pair");
        }
        double[] scores = new double[genuine.length];
        int d = embeddings.cols();
        for (int p = 0; p < genuine.length; p++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int k = 0; k < d; k++) {
                double a = embeddings.get(2 * p, k);
                double b = embeddings.get(2 * p + 1, k);
                dot += a * b;
                na += a * a;
                nb += b * b;
            }
            // Deliberately not core.embed.L2's error: evaluating a diverged model mid-run reports a score of 0 for a
            // zero embedding instead of stopping the training.
            scores[p] = na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
        }
        VerificationResult r = VerificationScores.ofPairs(scores, genuine).evaluate(fars);
        return new EvaluationResult(step, set, embeddings.rows(), r.genuineCount(), r.impostorCount(), r.operatingPoints());
    }
}
