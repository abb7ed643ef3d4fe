package io.polyface.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LFR feature file: 16-byte header (rows, cols, cols*4, 5), little-endian int32, then float32 rows. */
class LfrFeatureFileTest {

    @TempDir
    Path dir;

    private static byte[] file(int rows, int cols, int third, int fourth, float[] values, int extraBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + values.length * 4 + extraBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(rows).putInt(cols).putInt(third).putInt(fourth);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void writesTheChallengeLayoutByteForByte() throws Exception {
        Path f = dir.resolve("feat.bin");
        LfrFeatureFile.write(f, FeatureMatrix.of(new float[][] {{1f, -2f, 0.5f}, {3f, 4f, 1e-8f}}));
        byte[] bytes = Files.readAllBytes(f);
        assertThat(bytes).hasSize(16 + 6 * 4);
        // header: rows=2, cols=3, cols*4=12, 5 — little-endian
        assertThat(Arrays.copyOf(bytes, 16)).containsExactly(2, 0, 0, 0, 3, 0, 0, 0, 12, 0, 0, 0, 5, 0, 0, 0);
        // first value 1.0f = 0x3F800000, little-endian
        assertThat(Arrays.copyOfRange(bytes, 16, 20)).containsExactly(0, 0, (byte) 0x80, 0x3f);
        assertThat(bytes).isEqualTo(file(2, 3, 12, 5, new float[] {1f, -2f, 0.5f, 3f, 4f, 1e-8f}, 0));
        try (var s = Files.list(dir)) {
            assertThat(s).containsExactly(f); // no temporary file left behind
        }
    }

    @Test
    void roundTripsLargeRandomMatrices() throws Exception {
        Random r = new Random(1);
        for (int[] shape : new int[][] {{0, 5}, {1, 1}, {3000, 257}, {70_000, 8}}) {
            float[] v = new float[shape[0] * shape[1]];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            if (v.length > 0) {
                v[v.length - 1] = Float.MIN_VALUE; // a subnormal survives the round trip bit for bit
            }
            FeatureMatrix m = FeatureMatrix.fromRowMajor(shape[0], shape[1], v);
            Path f = dir.resolve("m" + shape[0] + ".bin");
            LfrFeatureFile.write(f, m);
            assertThat(Files.size(f)).isEqualTo(16L + 4L * v.length);
            assertThat(LfrFeatureFile.read(f)).isEqualTo(m);
        }
    }

    @Test
    void readsAHandWrittenFile() throws Exception {
        Path f = dir.resolve("hand.bin");
        Files.write(f, file(2, 2, 8, 5, new float[] {0.25f, -1f, 7f, 0f}, 0));
        FeatureMatrix m = LfrFeatureFile.read(f);
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.cols()).isEqualTo(2);
        assertThat(m.row(0)).containsExactly(0.25f, -1f);
        assertThat(m.row(1)).containsExactly(7f, 0f);
    }

    @Test
    void refusesBadHeadersAndSizes() throws Exception {
        float[] four = {1, 2, 3, 4};
        assertRefused(file(2, 2, 8, 5, four, 0), 4, "truncated");
        assertRefused(file(2, 2, 8, 5, four, 4), 0, "trailing data");
        assertRefused(file(2, 2, 4, 5, four, 0), 0, "third field = 4, expected cols*4 = 8");
        assertRefused(file(2, 2, 8, 3, four, 0), 0, "fourth field = 3, expected 5");
        assertRefused(file(-1, 2, 8, 5, four, 0), 0, "rows = -1");
        assertRefused(file(2, 0, 0, 5, four, 0), 0, "cols = 0");
        assertRefused(file(2, 2, 8, 5, new float[0], 0), 8, "shorter than its 16-byte header");
        assertRefused(file(1 << 20, 1 << 12, 1 << 14, 5, four, 0), 0, "more than one Java array holds");
    }

    private void assertRefused(byte[] content, int cut, String message) throws Exception {
        Path f = dir.resolve("bad.bin");
        Files.write(f, Arrays.copyOf(content, content.length - cut));
        assertThatThrownBy(() -> LfrFeatureFile.read(f)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(message);
    }

    @Test
    void readsRowRangesAndTheShapeAlone() throws Exception {
        Path f = dir.resolve("rows.bin");
        float[] v = new float[7 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 3;
        }
        LfrFeatureFile.write(f, FeatureMatrix.fromRowMajor(7, 3, v));
        assertThat(LfrFeatureFile.readShape(f)).isEqualTo(new LfrFeatureFile.Shape(7, 3));
        FeatureMatrix all = LfrFeatureFile.read(f);
        FeatureMatrix part = LfrFeatureFile.readRows(f, 2, 6);
        assertThat(part.rows()).isEqualTo(4);
        for (int r = 0; r < 4; r++) {
            assertThat(part.row(r)).containsExactly(all.row(r + 2));
        }
        assertThat(LfrFeatureFile.readRows(f, 7, 7).rows()).isZero();
        assertThatThrownBy(() -> LfrFeatureFile.readRows(f, 5, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows [5, 8)").hasMessageContaining("7 rows");
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 16 + 20 * 4));
        assertThatThrownBy(() -> LfrFeatureFile.readRows(f, 0, 1)).isInstanceOf(MalformedFileException.class).hasMessageContaining("truncated");
    }
}
