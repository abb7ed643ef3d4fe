package io.polyface.examples;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.MeanPooling;
import io.polyface.aggregation.QanPlusPlus;

/**
 * Example: one template for a video from its frames' embeddings [n, d] and per-frame quality scores, with QAN++
 * (the paper's min–max-rescaled quality weights) beside the mean-pooling baseline. In a real pipeline the
 * embeddings come from {@code FaceEmbedder} and the scores from the quality network ({@code QualityScorer}).
 */
public final class AggregateVideoFrames {

    private AggregateVideoFrames() {}

    /**
     * Aggregates frames with QAN++.
     *
     * @param frames frame embeddings [n, d]
     * @param quality raw quality score per frame [n]
     * @return the template [d], L2-normalised
     */
    public static float[] qanPlusPlus(float[][] frames, float[] quality) {
        Aggregator qanpp = QanPlusPlus.builder().optNormalize(true).build();
        return qanpp.aggregate(frames, quality);
    }

    /**
     * Aggregates frames by mean pooling (the LFR video baseline).
     *
     * @param frames frame embeddings [n, d]
     * @return the template [d], L2-normalised
     */
    public static float[] meanPooling(float[][] frames) {
        return MeanPooling.builder().build().aggregate(frames, null);
    }

    /**
     * Entry point: a toy three-frame video whose blurred last frame gets the lowest quality score.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        float[][] frames = {{0.9f, 0.1f, 0.0f}, {0.8f, 0.2f, 0.1f}, {0.1f, 0.2f, 0.9f}};
        float[] quality = {2.0f, 1.6f, -0.5f};
        System.out.println("QAN++        " + java.util.Arrays.toString(qanPlusPlus(frames, quality)));
        System.out.println("mean pooling " + java.util.Arrays.toString(meanPooling(frames)));
    }
}
