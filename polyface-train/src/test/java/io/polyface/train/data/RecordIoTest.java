package io.polyface.train.data;

import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.CorruptImageException;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.MalformedFileException;
import io.polyface.core.io.RecordIo;
import io.polyface.core.io.RecordIoReader;
import io.polyface.core.io.RecordIoWriter;
import io.polyface.train.augment.AugmentationPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MXNet RecordIO as ../shared/spec/aggregation-and-evaluation.md describes it, on small files written here. */
class RecordIoTest {

    private static byte[] png(float grey) {
        float[] px = new float[8 * 8];
        java.util.Arrays.fill(px, grey);
        return ImageEncoder.toPng(RgbImage.fromGrey(8, 8, px));
    }

    /** Header record at key 0 (images 1..3), then three images with float labels 5, 2, 5. */
    private static Path insightFaceLayout(Path dir, byte[] third) throws IOException {
        Path rec = dir.resolve("train.rec");
        try (RecordIoWriter w = RecordIoWriter.create(rec)) {
            w.writeHeaderRecord(4);
            w.writeImage(1, 5f, png(10));
            w.writeImage(2, 2f, png(200));
            w.writeImage(3, 5f, third);
        }
        return rec;
    }

    @Test
    void bytesFollowTheSpecifiedLayout(@TempDir Path dir) throws IOException {
        byte[] five = {1, 2, 3, 4, 5};
        Path rec = dir.resolve("x.rec");
        try (RecordIoWriter w = RecordIoWriter.create(rec)) {
            w.writeHeaderRecord(2);
            w.writeRecord(1, new RecordIo.Header(0, 7f, new float[0], 1, 0), five);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(rec)).order(ByteOrder.LITTLE_ENDIAN);
        // record 0: magic, lrecord = 24 + 2·4 = 32 (cflag 0), flag 2, label 0, id 0, id2 0, labels [2, 2]; no padding
        assertThat(b.getInt(0)).isEqualTo(0xCED7230A);
        assertThat(b.get(0)).isEqualTo((byte) 0x0A); // little-endian on disk
        assertThat(b.getInt(4)).isEqualTo(32);
        assertThat(b.getInt(8)).isEqualTo(2);
        assertThat(b.getFloat(32)).isEqualTo(2f);
        assertThat(b.getFloat(36)).isEqualTo(2f);
        // record 1 at 40: lrecord = 24 + 5 = 29, then 3 zero bytes of padding
        assertThat(b.getInt(40)).isEqualTo(0xCED7230A);
        assertThat(b.getInt(44)).isEqualTo(29);
        assertThat(b.getInt(48)).isZero();
        assertThat(b.getFloat(52)).isEqualTo(7f);
        assertThat(b.getLong(56)).isEqualTo(1L);
        assertThat(b.get(72)).isEqualTo((byte) 1);
        assertThat(b.get(76)).isEqualTo((byte) 5);
        assertThat(b.capacity()).isEqualTo(40 + 8 + 29 + 3);
        assertThat(Files.readString(dir.resolve("x.idx"), StandardCharsets.UTF_8)).isEqualTo("0\t0\n1\t40\n");
        try (RecordIoReader r = RecordIoReader.open(rec)) {
            RecordIoReader.Record one = r.readRecord(1);
            assertThat(one.image()).containsExactly(five);
            assertThat(one.header().classLabel()).isEqualTo(7f);
            assertThat(r.readHeader(0).labels()).containsExactly(2f, 2f);
        }
    }

    @Test
    void headerRecordGivesTheImageRangeAndLabelsAreRemapped(@TempDir Path dir) throws IOException {
        Path rec = insightFaceLayout(dir, png(90));
        try (RecordIoDataset ds = RecordIoDataset.open(rec)) {
            assertThat(ds.size()).isEqualTo(3);
            assertThat(ds.labels().names()).containsExactly("2", "5");
            assertThat(new int[] {ds.label(0), ds.label(1), ds.label(2)}).containsExactly(1, 0, 1);
            assertThat(ds.key(0)).isEqualTo(1);
            assertThat(ds.read(1)).isEqualTo(png(200));
            assertThat(ds.locate(0)).isEqualTo(rec + " at byte offset 40 (key 1)");
        }
        assertThat(Datasets.open(rec)).isInstanceOf(RecordIoDataset.class);
    }

    @Test
    void withoutHeaderRecordEveryKeyIsAnImage(@TempDir Path dir) throws IOException {
        Path rec = dir.resolve("plain.rec");
        try (RecordIoWriter w = RecordIoWriter.create(rec)) {
            w.writeImage(0, 1f, png(1));
            w.writeImage(1, 0f, png(2));
        }
        try (RecordIoDataset ds = RecordIoDataset.open(rec)) {
            assertThat(ds.size()).isEqualTo(2);
            assertThat(ds.label(0)).isEqualTo(1);
        }
    }

    @Test
    void aVectorLabelledImageAtKeyZeroIsAnImageNotAHeader(@TempDir Path dir) throws IOException {
        // im2rec --pack-label: keys 0..49, every record an image whose header carries a label vector (flag 2):
        // [class, 20] — key 0 looks like InsightFace's header by its flag, but it holds image bytes
        Path rec = dir.resolve("packed.rec");
        try (RecordIoWriter w = RecordIoWriter.create(rec)) {
            for (int k = 0; k < 50; k++) {
                w.writeRecord(k, new RecordIo.Header(2, 0f, new float[] {k % 5, 20f}, k, 0), png(k));
            }
        }
        try (RecordIoDataset ds = RecordIoDataset.open(rec)) {
            assertThat(ds.size()).isEqualTo(50);
            assertThat(ds.labels().size()).isEqualTo(5);
            assertThat(ds.key(0)).isZero();
            assertThat(ds.read(0)).isEqualTo(png(0));
            assertThat(ds.description()).contains("5 identities, 50 images");
            assertThat(ds.warnings()).isEmpty();
        }
        // keys from 0 with gaps (ids not contiguous) are images too, not a header missing its range
        Path gaps = dir.resolve("gaps.rec");
        try (RecordIoWriter w = RecordIoWriter.create(gaps)) {
            for (int k : new int[] {0, 2, 5, 9}) {
                w.writeRecord(k, new RecordIo.Header(2, 0f, new float[] {k % 2, 7f}, k, 0), png(k));
            }
        }
        try (RecordIoDataset ds = RecordIoDataset.open(gaps)) {
            assertThat(ds.size()).isEqualTo(4);
            assertThat(ds.labels().names()).containsExactly("0", "1");
        }
    }

    @Test
    void indexedKeysThatAreNotReadAreReported(@TempDir Path dir) throws IOException {
        // InsightFace layout: header at 0 (images 1..3, identity records 4..5), plus two stray keys the header does not cover
        Path rec = dir.resolve("train.rec");
        try (RecordIoWriter w = RecordIoWriter.create(rec)) {
            w.writeRecord(0, new RecordIo.Header(2, 0f, new float[] {4f, 6f}, 0, 0), new byte[0]);
            w.writeImage(1, 0f, png(1));
            w.writeImage(2, 1f, png(2));
            w.writeImage(3, 1f, png(3));
            w.writeRecord(4, new RecordIo.Header(2, 0f, new float[] {1f, 2f}, 0, 0), new byte[0]);
            w.writeRecord(5, new RecordIo.Header(2, 1f, new float[] {2f, 4f}, 0, 0), new byte[0]);
            w.writeImage(7, 0f, png(7));
            w.writeImage(8, 1f, png(8));
        }
        try (RecordIoDataset ds = RecordIoDataset.open(rec)) {
            assertThat(ds.size()).isEqualTo(3);
            assertThat(ds.warnings()).singleElement().asString().contains(rec.toString()).contains("2 indexed keys")
                    .contains("7, 8").contains("not read");
        }
        // the plain InsightFace layout reads every key: no warning
        try (RecordIoDataset ds = RecordIoDataset.open(insightFaceLayout(dir, png(4)))) {
            assertThat(ds.warnings()).isEmpty();
        }
    }

    @Test
    void corruptImageIsCountedOrInStrictModeNamedWithItsOffset(@TempDir Path dir) throws IOException {
        Path rec = insightFaceLayout(dir, "not an image".getBytes(StandardCharsets.US_ASCII));
        ModelInput input = new ModelInput(Preprocessing.of(8, ChannelOrder.RGB, 0, 1));
        try (RecordIoDataset ds = RecordIoDataset.open(rec)) {
            long offset;
            try (RecordIoReader r = RecordIoReader.open(rec)) {
                offset = r.offset(3);
            }
            BatchPlan all = new SequentialPlan(3, 3);
            try (BatchLoader strict = BatchLoader.builder().setDataset(ds).setPreprocessor(input, AugmentationPipeline.NONE)
                    .setPlan(all).optCorruptImagePolicy(CorruptImagePolicy.strict()).build()) {
                assertThatThrownBy(strict::next).isInstanceOf(CorruptImageException.class)
                        .hasMessageContaining(rec + " at byte offset " + offset + " (key 3)");
            }
            CorruptImagePolicy log = CorruptImagePolicy.skipAndCount();
            try (BatchLoader lenient = BatchLoader.builder().setDataset(ds).setPreprocessor(input, AugmentationPipeline.NONE)
                    .setPlan(all).optCorruptImagePolicy(log).build()) {
                HostBatch b = lenient.next();
                assertThat(b.size()).isEqualTo(2);
                assertThat(b.skipped()).isEqualTo(1);
                assertThat(b.labels()).containsExactly(1, 0);
            }
            assertThat(log.count()).isEqualTo(1);
            assertThat(log.reasons()).singleElement().asString().contains("(key 3)");
        }
    }

    @Test
    void structuralDamageIsAMalformedFileNamingKeyAndOffset(@TempDir Path dir) throws IOException {
        Path rec = insightFaceLayout(dir, png(3));
        long offset;
        try (RecordIoReader r = RecordIoReader.open(rec)) {
            offset = r.offset(2);
        }
        byte[] bytes = Files.readAllBytes(rec);
        bytes[(int) offset] = 0;
        Files.write(rec, bytes);
        assertThatThrownBy(() -> RecordIoDataset.open(rec)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("record key 2 at byte offset " + offset + ": bad magic");
        Files.writeString(dir.resolve("train.idx"), "0\t0\n1\tforty\n");
        assertThatThrownBy(() -> RecordIoReader.open(rec)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2: key and offset must be integers");
        Files.writeString(dir.resolve("train.idx"), "0\t0\n1\t999999\n");
        assertThatThrownBy(() -> RecordIoReader.open(rec)).hasMessageContaining("lies outside");
        Files.delete(dir.resolve("train.idx"));
        assertThatThrownBy(() -> RecordIoReader.open(rec)).isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining(".idx");
    }

    @Test
    void headerRangeMustBeInTheIndex(@TempDir Path dir) throws IOException {
        Path rec = dir.resolve("gap.rec");
        try (RecordIoWriter w = RecordIoWriter.create(rec)) {
            w.writeHeaderRecord(4);
            w.writeImage(1, 0f, png(1));
            w.writeImage(3, 1f, png(2));
        }
        assertThatThrownBy(() -> RecordIoDataset.open(rec)).hasMessageContaining("key 2 is not in the index");
        assertThat(List.of(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toArray()))
                .containsExactly("gap.idx", "gap.rec"); // no temporary files left behind
    }
}
