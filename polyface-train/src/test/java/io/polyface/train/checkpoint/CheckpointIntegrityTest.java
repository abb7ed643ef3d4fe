package io.polyface.train.checkpoint;

import io.polyface.core.io.MalformedFileException;
import io.polyface.train.TestData;
import io.polyface.train.data.LabelMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifests, damaged checkpoints, the fallback when resuming, and the removal of stale temporary folders. */
class CheckpointIntegrityTest {

    private static CheckpointMetadata metadata(long step) {
        return new CheckpointMetadata(step, 0, 3, TestData.tinySpec(), "arcface", Map.of(), Map.of(), 0.0, 1.0,
                LabelMap.of(List.of("s1", "s2")), Map.of(), Map.of(), Map.of(), Map.of("batch_size", 8), Map.of(), Map.of("loss", 1.5));
    }

    private static List<NamedTensor> tensors(String prefix, int count, float value) {
        List<NamedTensor> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] v = new float[64];
            Arrays.fill(v, value + i);
            out.add(new NamedTensor(prefix + i, new long[] {8, 8}, v));
        }
        return out;
    }

    private static Path write(Path out, long step) throws IOException {
        return CheckpointStore.write(out, metadata(step), tensors("w", 3, step), tensors("classifier.centres", 1, 1), tensors("w", 3, 0.5f));
    }

    /** Cuts a zip file right before its {@code index}-th local entry header (a zip-entry boundary). */
    private static void cutBeforeEntry(Path zip, int index) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        int seen = -1;
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 && b[i + 3] == 4 && ++seen == index) {
                Files.write(zip, Arrays.copyOf(b, i));
                return;
            }
        }
        throw new IllegalStateException("no entry " + index + " in " + zip);
    }

    private static void cutInHalf(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length / 2));
    }

    @Test
    void theManifestRecordsSizeDigestAndArraysOfEveryFile(@TempDir Path out) throws IOException {
        Path dir = write(out, 5);
        CheckpointManifest m = CheckpointManifest.read(dir.resolve(CheckpointManifest.FILE));
        assertThat(m.files()).containsOnlyKeys("metadata.json", "model.npz", "head.npz", "optimizer.npz");
        for (var e : m.files().entrySet()) {
            assertThat(e.getValue().bytes()).isEqualTo(Files.size(dir.resolve(e.getKey())));
            assertThat(e.getValue().sha256()).hasSize(64).isEqualTo(CheckpointManifest.sha256Of(dir.resolve(e.getKey())));
        }
        assertThat(m.files().get("optimizer.npz").arrays()).containsOnlyKeys("w0", "w1", "w2");
        assertThat(m.files().get("model.npz").arrays().get("w1")).containsExactly(8L, 8L);
        assertThat(CheckpointIntegrity.check(dir).intact()).isTrue();
    }

    @Test
    void anArchiveCutAtAnEntryBoundaryIsFoundWithOrWithoutManifest(@TempDir Path out) throws IOException {
        Path dir = write(out, 5);
        Path optimizer = dir.resolve(Checkpoint.OPTIMIZER);
        cutBeforeEntry(optimizer, 2); // keeps w0 and w1 whole: reading entry by entry just ends early
        CheckpointIntegrity.Report r = CheckpointIntegrity.check(dir);
        assertThat(r.intact()).isFalse();
        assertThat(r.describe()).startsWith("optimizer.npz: ").contains("the manifest says").contains("cut short");

        Files.delete(dir.resolve(CheckpointManifest.FILE)); // as written by an earlier version
        assertThatThrownBy(() -> NpzArchive.read(optimizer)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith(optimizer.toString()).hasMessageContaining("not a complete zip");
        assertThat(CheckpointIntegrity.check(dir).describe()).startsWith("optimizer.npz: not a complete zip");
    }

    @Test
    void anArchiveCutInHalfIsRefusedNamingTheFile(@TempDir Path out) throws IOException {
        Path dir = write(out, 5);
        Path model = dir.resolve(Checkpoint.MODEL);
        cutInHalf(model);
        assertThatThrownBy(() -> NpzArchive.read(model)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith(model.toString());
        assertThatThrownBy(() -> CheckpointIntegrity.check(dir).requireIntact()).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith(model.toString()).hasMessageContaining("cut short");
    }

    @Test
    void aChangedFileFailsItsDigest(@TempDir Path out) throws IOException {
        Path dir = write(out, 5);
        byte[] b = Files.readAllBytes(dir.resolve(Checkpoint.METADATA));
        b[b.length / 2] ^= 1;
        Files.write(dir.resolve(Checkpoint.METADATA), b);
        assertThat(CheckpointIntegrity.check(dir).describe()).isEqualTo("metadata.json: its SHA-256 differs from the manifest's"
                + " (the content changed after it was written)");
    }

    @Test
    void resumingFallsBackToTheNewestIntactCheckpointOrFailsNamingTheFile(@TempDir Path out) throws IOException {
        write(out, 3);
        write(out, 6);
        Path newest = write(out, 9);
        cutBeforeEntry(newest.resolve(Checkpoint.OPTIMIZER), 1);
        cutInHalf(out.resolve("checkpoint-00000006").resolve(Checkpoint.MODEL));

        ResumePoint p = ResumePoint.select(out);
        assertThat(p.checkpoint()).contains(out.resolve("checkpoint-00000003"));
        assertThat(p.warnings()).hasSize(2);
        assertThat(p.warnings().get(0)).startsWith("checkpoint-00000009 cannot be trusted (optimizer.npz: ")
                .contains("resuming from checkpoint-00000003 instead").endsWith("moved to checkpoint-00000009.corrupt");
        assertThat(p.warnings().get(1)).startsWith("checkpoint-00000006 cannot be trusted (model.npz: ");
        assertThat(CheckpointStore.list(out)).extracting(CheckpointStore::stepOf).containsExactly(3L);
        assertThat(out.resolve("checkpoint-00000009.corrupt")).isDirectory();

        cutInHalf(out.resolve("checkpoint-00000003").resolve(Checkpoint.MODEL));
        assertThatThrownBy(() -> ResumePoint.select(out)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith(out.resolve("checkpoint-00000003").resolve(Checkpoint.MODEL).toString())
                .hasMessageContaining("no intact checkpoint to resume from");
        assertThat(CheckpointStore.list(out)).hasSize(1); // nothing moved when there is nothing to fall back to
        assertThat(ResumePoint.select(out.resolve("empty")).checkpoint()).isEmpty();
    }

    @Test
    void aCheckpointWithoutManifestIsCheckedStructurallyAndSaidSo(@TempDir Path out) throws IOException {
        Path dir = write(out, 4);
        Files.delete(dir.resolve(CheckpointManifest.FILE));
        ResumePoint p = ResumePoint.select(out);
        assertThat(p.checkpoint()).contains(dir);
        assertThat(p.warnings()).singleElement().asString().contains("has no manifest.json");
    }

    private static long endedProcessId() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void staleTemporaryFoldersOfEndedProcessesAreRemovedOthersKept(@TempDir Path out) throws Exception {
        write(out, 2);
        String host = TemporaryFolders.host();
        long dead = endedProcessId();
        long self = ProcessHandle.current().pid();
        Path deadTmp = Files.createDirectories(out.resolve(TemporaryFolders.prefix("checkpoint-00000004", "tmp", dead, host) + "17"));
        Files.writeString(deadTmp.resolve("model.npz"), "partial");
        Path live = Files.createDirectories(out.resolve(TemporaryFolders.prefix("checkpoint-00000006", "tmp", self, host) + "19"));
        Files.setLastModifiedTime(live, FileTime.from(Instant.now()));
        Path otherHost = Files.createDirectories(out.resolve(TemporaryFolders.prefix("checkpoint-00000007", "tmp", dead, "elsewhere") + "20"));
        Path earlier = Files.createDirectories(out.resolve(".checkpoint-00000008.1234567"));
        Path oldOfMissing = Files.createDirectories(out.resolve(TemporaryFolders.prefix("checkpoint-00000010", "old", dead, host) + "21"));
        Files.writeString(oldOfMissing.resolve("metadata.json"), "{}");
        Path oldOfPresent = Files.createDirectories(out.resolve(TemporaryFolders.prefix("checkpoint-00000002", "old", dead, host) + "22"));

        List<String> notes = CheckpointStore.prepare(out);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("checkpoint-00000002", "checkpoint-00000010",
                    live.getFileName().toString(), otherHost.getFileName().toString(), earlier.getFileName().toString());
        }
        assertThat(out.resolve("checkpoint-00000010/metadata.json")).hasContent("{}");
        assertThat(notes).anyMatch(n -> n.startsWith("restored " + out.resolve("checkpoint-00000010")));
        assertThat(notes).anyMatch(n -> n.startsWith("removed 2 temporary checkpoint folder(s)") && n.contains(deadTmp.getFileName().toString())
                && n.contains(oldOfPresent.getFileName().toString()));
        assertThat(notes).anyMatch(n -> n.contains("of an earlier PolyFace version") && n.contains(".checkpoint-00000008.1234567"));

        assertThat(TemporaryFolders.stale(dead, Instant.now())).isTrue();
        assertThat(TemporaryFolders.stale(self, Instant.now())).isFalse();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Instant parentStarted = ProcessHandle.of(parent).orElseThrow().info().startInstant().orElseThrow();
        assertThat(TemporaryFolders.stale(parent, parentStarted.minusSeconds(60))).as("id reused by a later process").isTrue();
        assertThat(TemporaryFolders.stale(parent, parentStarted.plusSeconds(1))).as("a live writer").isFalse();
    }

    @Test
    void writingLeavesNoTemporaryFolderAndNamesItsOwner(@TempDir Path out) throws IOException {
        Path tmp = TemporaryFolders.create(out, "checkpoint-00000001", "tmp");
        assertThat(tmp.getFileName().toString()).startsWith(".checkpoint-00000001.tmp." + ProcessHandle.current().pid() + "@"
                + TemporaryFolders.host() + ".");
        Files.delete(tmp);
        write(out, 1);
        write(out, 1); // replaces it through an .old folder
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("checkpoint-00000001");
        }
    }
}
