package io.polyface.train.data;

import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.train.TestData;
import io.polyface.train.augment.AugmentationPipeline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BatchLoaderTest {

    private static final AugmentationPipeline ALL = AugmentationPipeline.parse("flip,crop,shift,jitter,grey,blur,downup,erase,jpeg,noise");

    private static List<HostBatch> batches(FaceDataset data, int workers, long start, int count) throws IOException {
        ModelInput input = ModelInput.of(TestData.tinySpec());
        List<HostBatch> out = new ArrayList<>();
        try (BatchLoader l = BatchLoader.builder().setDataset(data).setPreprocessor(input, ALL).setPlan(new SampleOrder(data.size(), 6, 11))
                .optSeed(11).optWorkers(workers).optPrefetch(workers + 2).optStartStep(start).build()) {
            for (int i = 0; i < count; i++) {
                out.add(l.next());
            }
        }
        return out;
    }

    @Test
    void batchesDoNotDependOnWorkersOrWhereTheLoaderStarts() throws IOException {
        FaceDataset data = TestData.orlFirst(3);
        List<HostBatch> one = batches(data, 1, 0, 7);
        List<HostBatch> three = batches(data, 3, 0, 7);
        List<HostBatch> late = batches(data, 2, 4, 3);
        for (int i = 0; i < 7; i++) {
            assertThat(three.get(i).step()).isEqualTo(i);
            assertThat(three.get(i).pixels()).isEqualTo(one.get(i).pixels());
            assertThat(three.get(i).labels()).isEqualTo(one.get(i).labels());
        }
        for (int i = 0; i < 3; i++) {
            assertThat(late.get(i).pixels()).isEqualTo(one.get(4 + i).pixels());
        }
        // augmentation does change the images between epochs (step 0 and step 5 hold other draws)
        assertThat(one.get(0).pixels()).isNotEqualTo(one.get(5).pixels());
    }

    @Test
    void samplesAreResizedAndNormalisedAsTheSpecSays() throws IOException {
        FaceDataset orl = TestData.orlFirst(2);
        // MobileFaceNet: RGB, (px − 127.5)/127.5; ORL 92×112 stretched to 32×32
        ModelInput input = ModelInput.of(TestData.tinySpec());
        try (BatchLoader l = BatchLoader.builder().setDataset(orl).setPreprocessor(input, AugmentationPipeline.NONE)
                .setPlan(new SequentialPlan(orl.size(), 4)).optWorkers(2).build()) {
            HostBatch b = l.next();
            RgbImage expected = ImageDecoder.decode(orl.read(1), "orl").resize(32, 32);
            int base = 32 * 32 * 3; // sample 1
            for (int plane = 0; plane < 3; plane++) {
                for (int y = 0; y < 32; y += 7) {
                    for (int x = 0; x < 32; x += 5) {
                        assertThat(b.pixels()[base + plane * 1024 + y * 32 + x])
                                .isCloseTo((expected.get(x, y, plane) - 127.5f) / 127.5f, within(1e-6f));
                    }
                }
            }
        }
    }

    @Test
    void bgrPlanesComeInBlueGreenRedOrder() throws IOException {
        float[] rgb = new float[4 * 4 * 3];
        for (int i = 0; i < 16; i++) {
            rgb[3 * i] = 10;
            rgb[3 * i + 1] = 20;
            rgb[3 * i + 2] = 30;
        }
        byte[] png = ImageEncoder.toPng(RgbImage.of(4, 4, rgb));
        FaceDataset one = new FaceDataset() {
            @Override public int size() { return 2; }
            @Override public int label(int index) { return index; }
            @Override public LabelMap labels() { return LabelMap.of(List.of("a", "b")); }
            @Override public byte[] read(int index) { return png; }
            @Override public String locate(int index) { return "mem:" + index; }
            @Override public String description() { return "two colour squares"; }
        };
        ModelInput raw = new ModelInput(Preprocessing.of(4, ChannelOrder.BGR, 0, 1));
        try (BatchLoader l = BatchLoader.builder().setDataset(one).setPreprocessor(raw, AugmentationPipeline.NONE)
                .setPlan(new SequentialPlan(2, 2)).build()) {
            float[] p = l.next().pixels();
            assertThat(new float[] {p[0], p[16], p[32]}).containsExactly(30f, 20f, 10f);
        }
    }
}
