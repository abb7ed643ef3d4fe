package io.polyface.train.checkpoint;

import io.polyface.train.TestData;
import io.polyface.train.data.LabelMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointStoreTest {

    private static CheckpointMetadata metadata(long step) {
        return new CheckpointMetadata(step, step / 10, 3, TestData.tinySpec(), "arcface", Map.of("margin", "0.4"), Map.of("t", 0.25),
                0.0, 1.0, LabelMap.of(List.of("s1", "s2")), Map.of("resize", Map.of("rule", "bilinear-stretch")),
                Map.of("momentum", 0.9), Map.of("kind", "cosine"), Map.of("batch_size", 8), Map.of("djl_version", "x"),
                Map.of("loss", 1.5));
    }

    private static List<NamedTensor> one(String name, float v) {
        return List.of(new NamedTensor(name, new long[] {1}, new float[] {v}));
    }

    @Test
    void writeListReadAndPrune(@TempDir Path out) throws IOException {
        for (long step : new long[] {5, 100, 20}) {
            Path dir = CheckpointStore.write(out, metadata(step), one("w", step), one("classifier.centres", 1), one("w", 2));
            assertThat(dir.getFileName().toString()).isEqualTo(CheckpointStore.folderName(step));
        }
        assertThat(CheckpointStore.list(out)).extracting(CheckpointStore::stepOf).containsExactly(5L, 20L, 100L);
        assertThat(CheckpointStore.latest(out)).contains(out.resolve("checkpoint-00000100"));
        Checkpoint c = CheckpointStore.read(out.resolve("checkpoint-00000020"));
        assertThat(c.metadata()).isEqualTo(metadata(20));
        assertThat(c.model().get("w").values()).containsExactly(20f);
        assertThat(c.optimizer().get("w").values()).containsExactly(2f);
        CheckpointStore.prune(out, 2);
        assertThat(CheckpointStore.list(out)).extracting(CheckpointStore::stepOf).containsExactly(20L, 100L);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("checkpoint-"));
        }
    }

    @Test
    void rewritingAStepReplacesItWhole(@TempDir Path out) throws IOException {
        CheckpointStore.write(out, metadata(7), one("w", 1), one("c", 1), List.of());
        CheckpointStore.write(out, metadata(7), one("w", 2), one("c", 2), List.of());
        assertThat(CheckpointStore.read(out.resolve("checkpoint-00000007")).model().get("w").values()).containsExactly(2f);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void aFolderWithoutMetadataIsNotACheckpoint(@TempDir Path out) throws IOException {
        Files.createDirectories(out.resolve("checkpoint-00000009")); // e.g. left by hand; never by the store
        assertThat(CheckpointStore.list(out)).isEmpty();
        assertThatThrownBy(() -> CheckpointStore.read(out.resolve("checkpoint-00000009")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("not a checkpoint folder");
        Files.writeString(out.resolve("checkpoint-00000009/metadata.json"), "{\"format\": 2}");
        assertThatThrownBy(() -> CheckpointStore.read(out.resolve("checkpoint-00000009")))
                .hasMessageContaining("checkpoint format 2 is not supported");
    }
}
