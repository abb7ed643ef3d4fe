package io.polyface.train.checkpoint;

import io.polyface.core.io.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpzArchiveTest {

    private static Path fixture(String name) {
        try {
            return Path.of(NpzArchiveTest.class.getResource("/fixtures/npz/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsWhatNumpyWrites() throws IOException {
        // numpy_savez.npz: written by make_fixtures.py with np.savez
        Map<String, NamedTensor> t = NpzArchive.read(fixture("numpy_savez.npz"));
        assertThat(t.keySet()).containsExactlyInAnyOrder("matrix", "vector", "scalar");
        assertThat(t.get("matrix").shape()).containsExactly(2, 3);
        assertThat(t.get("matrix").values()).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f);
        assertThat(t.get("vector").values()).containsExactly(1.5f, -2.25f, 3e-8f, 65504f);
        assertThat(t.get("scalar").shape()).isEmpty();
        assertThat(t.get("scalar").values()).containsExactly(7f);
        Map<String, NamedTensor> c = NpzArchive.read(fixture("numpy_savez_compressed.npz"));
        assertThat(c.get("conv1.conv.weight").values()).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f);
    }

    @Test
    void writesNpyVersionOneHeadersAlignedTo64Bytes(@TempDir Path dir) throws IOException {
        List<NamedTensor> tensors = List.of(
                new NamedTensor("a.weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, Float.MIN_VALUE}),
                new NamedTensor("b", new long[] {4}, new float[] {-0f, Float.MAX_VALUE, 1e-30f, 3}),
                new NamedTensor("s", new long[0], new float[] {42}));
        Path file = dir.resolve("x.npz");
        try (var out = Files.newOutputStream(file)) {
            NpzArchive.write(tensors, out);
        }
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries.keySet()).containsExactly("a.weight.npy", "b.npy", "s.npy");
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] b = e.getValue();
            assertThat(b[0]).isEqualTo((byte) 0x93);
            assertThat(new String(b, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
            assertThat(b[6]).isEqualTo((byte) 1);
            assertThat(b[7]).isEqualTo((byte) 0);
            int len = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
            assertThat((10 + len) % 64).isZero();
            assertThat(b[10 + len - 1]).isEqualTo((byte) '\n');
        }
        String header = new String(entries.get("a.weight.npy"), 10, 60, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        assertThat(new String(entries.get("b.npy"), 10, 60, StandardCharsets.US_ASCII)).contains("'shape': (4,), }");
        assertThat(new String(entries.get("s.npy"), 10, 60, StandardCharsets.US_ASCII)).contains("'shape': (), }");
        Map<String, NamedTensor> back = NpzArchive.read(file);
        for (NamedTensor t : tensors) {
            assertThat(back.get(t.name())).isEqualTo(t); // bit-exact
        }
    }

    @Test
    void otherDtypesAndDuplicatesAreRefused(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("d.npy"));
            byte[] header = NpzArchive.npyHeader(new long[] {1});
            String text = new String(header, StandardCharsets.ISO_8859_1).replace("<f4", "<f8");
            zip.write(text.getBytes(StandardCharsets.ISO_8859_1));
            zip.write(new byte[8]);
            zip.closeEntry();
        }
        Path f64 = dir.resolve("f64.npz");
        Files.write(f64, bytes.toByteArray());
        assertThatThrownBy(() -> NpzArchive.read(f64)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("entry 'd.npy': dtype '<f8', expected little-endian float32");
        NamedTensor t = new NamedTensor("x", new long[] {1}, new float[] {1});
        assertThatThrownBy(() -> NpzArchive.write(List.of(t, t), new ByteArrayOutputStream())).hasMessageContaining("occurs twice");
        assertThatThrownBy(() -> new NamedTensor("x", new long[] {2, 2}, new float[3])).hasMessageContaining("3 values for shape [2, 2]");
        Path notZip = dir.resolve("bad.npz");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> NpzArchive.read(notZip)).isInstanceOf(MalformedFileException.class);
    }
}
