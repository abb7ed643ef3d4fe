package io.polyface.examples;

import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The example programs run and give sensible answers. */
class ExamplesTest {

    @Test
    void compareTwoPhotosSeparatesSameAndDifferentPeople() throws Exception {
        Path yunet = SharedResources.resolve("models/yunet.onnx");
        Path model = SharedResources.resolve("models/fr_feature.onnx");
        Path orl = SharedResources.resolve("data/orl");
        double same = CompareTwoPhotos.compare(yunet, model, orl.resolve("s1/1.pgm"), orl.resolve("s1/2.pgm"));
        double different = CompareTwoPhotos.compare(yunet, model, orl.resolve("s1/1.pgm"), orl.resolve("s2/1.pgm"));
        System.out.printf("ORL s1/1 vs s1/2: %.4f, s1/1 vs s2/1: %.4f%n", same, different);
        assertThat(same).isGreaterThan(different + 0.2);
        assertThat(same).isBetween(-1.0, 1.0);
    }

    @Test
    void qanPlusPlusDownWeightsTheLowQualityFrame() {
        float[][] frames = {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}};
        float[] q = {2, 2, -1};
        float[] template = AggregateVideoFrames.qanPlusPlus(frames, q);
        // min-max rescaled weights 1, 1, 0: the third frame has no weight
        assertThat(template[0]).isCloseTo(1f, within(1e-6f));
        assertThat(template[2]).isCloseTo(0f, within(1e-6f));
        float[] mean = AggregateVideoFrames.meanPooling(frames);
        assertThat(mean[2]).isCloseTo((float) (1 / Math.sqrt(5)), within(1e-6f));
        AggregateVideoFrames.main(new String[0]);
    }

    @Test
    void gallerySearchFindsTheProbesIdentity() throws Exception {
        Path orl = SharedResources.resolve("data/orl");
        var top = GallerySearch.search(SharedResources.resolve("models/fr_feature.onnx"), orl, orl.resolve("s7/9.pgm"), 3);
        System.out.println("ORL probe s7/9.pgm: " + top);
        assertThat(top).hasSize(3);
        assertThat(top.get(0).id()).isEqualTo("s7");
        assertThat(top.get(0).score()).isGreaterThan(top.get(1).score());
    }

    @Test
    void trainOnImageFolderTrainsEvaluatesAndExports(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        var summary = TrainOnImageFolder.train(SharedResources.resolve("data/orl"), out, 4, 10);
        assertThat(summary.steps()).isEqualTo(4);
        assertThat(summary.loss()).isFinite().isPositive();
        assertThat(summary.evaluations()).isNotEmpty();
        assertThat(out.resolve("model.onnx")).isRegularFile();
    }
}
