package io.polyface.train.distill;

import io.polyface.core.io.FileDigests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The teacher cache: keyed by image content and teacher file, so a changed teacher file invalidates it. */
class TeacherCacheTest {

    @Test
    void entriesAreFoundAgainForTheSameTeacherAndImageAndMissedWhenEitherChanges(@TempDir Path tmp) throws IOException {
        Path teacher = tmp.resolve("teacher.onnx");
        Files.write(teacher, new byte[] {1, 2, 3});
        byte[] image = {10, 20, 30};
        AtomicInteger computed = new AtomicInteger();
        TeacherCache c = TeacherCache.open(tmp.resolve("cache"), FileDigests.sha256(teacher), 2);
        float[] v = c.get(image, () -> {
            computed.incrementAndGet();
            return new float[] {0.6f, 0.8f};
        });
        assertThat(v).containsExactly(0.6f, 0.8f);
        c.save();

        TeacherCache same = TeacherCache.open(tmp.resolve("cache"), FileDigests.sha256(teacher), 2);
        assertThat(same.loaded()).isEqualTo(1);
        assertThat(same.get(image, () -> {
            computed.incrementAndGet();
            return new float[] {0f, 1f};
        })).containsExactly(0.6f, 0.8f);
        assertThat(computed).hasValue(1);
        assertThat(same.get(new byte[] {10, 20, 31}, () -> new float[] {1f, 0f})).as("another image").containsExactly(1f, 0f);

        Files.write(teacher, new byte[] {1, 2, 4}); // the teacher file changed
        TeacherCache changed = TeacherCache.open(tmp.resolve("cache"), FileDigests.sha256(teacher), 2);
        assertThat(changed.loaded()).isZero();
        assertThat(changed.get(image, () -> {
            computed.incrementAndGet();
            return new float[] {0.8f, 0.6f};
        })).containsExactly(0.8f, 0.6f);
        assertThat(computed).hasValue(2);
        assertThat(changed.file()).isNotEqualTo(same.file());
    }
}
