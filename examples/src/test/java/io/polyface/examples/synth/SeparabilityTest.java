package io.polyface.examples.synth;

import io.polyface.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Is the synthetic set learnable but not trivial? Measured with a descriptor that knows nothing of faces:
 * the image averaged over 7×7 blocks to 16×16 grey values, the mean subtracted, compared by cosine
 * similarity (so, the Pearson correlation of the thumbnails). Genuine pairs (same identity) must be more
 * similar than impostor pairs on average, yet at the default difficulty the two must overlap: the pixel-level
 * verification AUC lies well between chance (0.5) and perfect (1).
 */
class SeparabilityTest {

    private static final int IDENTITIES = 30;
    private static final int IMAGES = 6;

    /** Genuine/impostor statistics of all pairs. */
    private record Scores(double meanGenuine, double meanImpostor, double auc, double minGenuine) {}

    @Test
    void defaultDifficultyIsLearnableButNotSeparableAtPixelLevel() {
        Scores s = scores(1.0, 0);
        System.out.printf("synthetic faces, difficulty 1, %d identities x %d images: mean genuine %.3f, mean impostor %.3f,"
                + " pixel-level AUC %.4f%n", IDENTITIES, IMAGES, s.meanGenuine(), s.meanImpostor(), s.auc());
        assertThat(s.meanGenuine()).isGreaterThan(s.meanImpostor() + 0.2);
        assertThat(s.auc()).isBetween(0.70, 0.92);
    }

    @Test
    void withoutNuisanceGenuinePairsAreIdentical() {
        Scores s = scores(0, 0);
        assertThat(s.minGenuine()).isCloseTo(1.0, within(1e-12));
        assertThat(s.auc()).isEqualTo(1.0);
    }

    @Test
    void aucFallsAsDifficultyRises() {
        double easy = scores(0.5, 1).auc();
        double normal = scores(1.0, 1).auc();
        double hard = scores(2.0, 1).auc();
        System.out.printf("pixel-level AUC at difficulty 0.5 / 1 / 2 (seed 1): %.4f / %.4f / %.4f%n", easy, normal, hard);
        assertThat(easy).isGreaterThan(normal);
        assertThat(normal).isGreaterThan(hard);
        assertThat(hard).isGreaterThan(0.55); // still above chance: identity survives the strongest nuisance
    }

    private static Scores scores(double difficulty, long seed) {
        SyntheticFaceDataset data = SyntheticFaceDataset.builder().setIdentities(IDENTITIES).setImagesPerIdentity(IMAGES)
                .optSeed(seed).optDifficulty(difficulty).build();
        List<double[]> descriptors = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (SyntheticFaceDataset.Sample s : data.generate()) {
            descriptors.add(descriptor(s.image()));
            labels.add(s.label());
        }
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            for (int j = i + 1; j < descriptors.size(); j++) {
                double c = cosine(descriptors.get(i), descriptors.get(j));
                (labels.get(i).equals(labels.get(j)) ? genuine : impostor).add(c);
            }
        }
        assertThat(genuine).hasSize(IDENTITIES * IMAGES * (IMAGES - 1) / 2);
        // AUC = P(genuine score > impostor score) + ½·P(tie), by brute force over all genuine × impostor pairs
        double wins = 0;
        for (double g : genuine) {
            for (double im : impostor) {
                wins += g > im ? 1 : g == im ? 0.5 : 0;
            }
        }
        double auc = wins / ((double) genuine.size() * impostor.size());
        return new Scores(mean(genuine), mean(impostor), auc, genuine.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    /** 16×16 block means of the grey level (R + G + B) / 3, minus their mean; a zero vector for a flat image. */
    private static double[] descriptor(RgbImage image) {
        assertThat(image.width()).isEqualTo(112);
        double[] v = new double[256];
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                v[(y / 7) * 16 + x / 7] += (image.get(x, y, 0) + image.get(x, y, 1) + image.get(x, y, 2)) / 3.0 / 49.0;
            }
        }
        double mean = 0;
        for (double d : v) {
            mean += d / v.length;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
        return v;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
