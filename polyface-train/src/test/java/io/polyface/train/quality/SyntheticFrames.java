package io.polyface.train.quality;

import io.polyface.aggregation.TrackId;
import io.polyface.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frames whose quality is visible and known: a good frame is a smooth grey image with faint noise and an
 * embedding near its identity's centre; a bad frame is the same kind of image drowned in strong noise and
 * an embedding pointing anywhere. A quality network can only tell them apart by looking at the pixels.
 */
final class SyntheticFrames {

    static final int D = 16;
    static final int S = 112;

    final QualityFrames frames;
    final boolean[] bad;

    private SyntheticFrames(QualityFrames frames, boolean[] bad) {
        this.frames = frames;
        this.bad = bad;
    }

    /** {@code classes × tracks} tracks of {@code framesPerTrack} frames, one or two bad frames per track. */
    static SyntheticFrames make(int classes, int tracks, int framesPerTrack, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<RgbImage> crops = new ArrayList<>();
        List<float[]> embeddings = new ArrayList<>();
        List<TrackId> ids = new ArrayList<>();
        List<Boolean> badList = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            double[] centre = gaussian(rnd, D);
            for (int t = 0; t < tracks; t++) {
                int badCount = 1 + rnd.nextInt(2);
                int first = rnd.nextInt(framesPerTrack);
                for (int k = 0; k < framesPerTrack; k++) {
                    boolean isBad = (k - first + framesPerTrack) % framesPerTrack < badCount;
                    crops.add(image(rnd, isBad ? 70 : 4));
                    double[] noise = gaussian(rnd, D);
                    float[] e = new float[D];
                    for (int j = 0; j < D; j++) {
                        e[j] = (float) (isBad ? noise[j] : centre[j] + 0.3 * noise[j]);
                    }
                    embeddings.add(e);
                    ids.add(new TrackId("c" + c, "t" + t, null));
                    badList.add(isBad);
                }
            }
        }
        boolean[] bad = new boolean[badList.size()];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = badList.get(i);
        }
        return new SyntheticFrames(QualityFrames.of(crops, embeddings.toArray(float[][]::new), ids), bad);
    }

    private static RgbImage image(SplittableRandom rnd, double noise) {
        double base = 80 + 90 * rnd.nextDouble();
        double gx = rnd.nextDouble() - 0.5;
        double gy = rnd.nextDouble() - 0.5;
        float[] px = new float[S * S * 3];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                double v = base + gx * (x - S / 2.0) + gy * (y - S / 2.0);
                for (int c = 0; c < 3; c++) {
                    px[(y * S + x) * 3 + c] = (float) Math.max(0, Math.min(255, v + noise * rnd.nextGaussian()));
                }
            }
        }
        return RgbImage.of(S, S, px);
    }

    private static double[] gaussian(SplittableRandom rnd, int d) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = rnd.nextGaussian();
        }
        return v;
    }

    /** Mean of {@code values} over the good frames minus the mean over the bad frames. */
    double goodMinusBad(float[] values) {
        double good = 0;
        double badSum = 0;
        int ng = 0;
        int nb = 0;
        for (int i = 0; i < values.length; i++) {
            if (bad[i]) {
                badSum += values[i];
                nb++;
            } else {
                good += values[i];
                ng++;
            }
        }
        return good / ng - badSum / nb;
    }

    /** The fraction of (good, bad) frame pairs in which the good frame has the higher value (ROC AUC, ties ½). */
    double auc(float[] values) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values.length; j++) {
                if (!bad[i] && bad[j]) {
                    wins += values[i] > values[j] ? 1 : values[i] == values[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return wins / pairs;
    }
}
