package io.polyface.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Folders written atomically: all or nothing at the target. */
class AtomicFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void aFolderAppearsWholeOrNotAtAll() throws Exception {
        Path table = dir.resolve("table");
        AtomicFileWriter.writeFolder(table, tmp -> {
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve("part-0"), "a");
            Files.writeString(tmp.resolve("part-1"), "b");
        });
        assertThat(table.resolve("part-1")).hasContent("b");
        assertThatThrownBy(() -> AtomicFileWriter.writeFolder(table, tmp -> Files.createDirectories(tmp)))
                .isInstanceOf(FileAlreadyExistsException.class);

        Path failed = dir.resolve("failed");
        assertThatThrownBy(() -> AtomicFileWriter.writeFolder(failed, tmp -> {
            Files.createDirectories(tmp.resolve("sub"));
            Files.writeString(tmp.resolve("sub/part-0"), "half");
            throw new IOException("worker lost");
        })).hasMessage("worker lost");
        assertThat(failed).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("table"); // no temporary folder left
        }
    }
}
