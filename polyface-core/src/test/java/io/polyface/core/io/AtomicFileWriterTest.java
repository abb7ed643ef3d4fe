package io.polyface.core.io;

import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.testing.NewFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Atomic writes: content, no temporary left behind, the permissions any new file would get (the umask's), folders all or nothing. */
class AtomicFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void outputsGetTheUmasksPermissionsNotOwnerOnly() throws IOException {
        Path file = dir.resolve("sub/out.txt");
        AtomicFileWriter.write(file, o -> o.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(file)).isEqualTo("hello");
        NewFilePermissions.assertTreeRespectsUmask(file);
        Path png = dir.resolve("image.png");
        ImageEncoder.writePng(RgbImage.fromGrey(2, 2, new float[4]), png);
        NewFilePermissions.assertTreeRespectsUmask(png);
        Path folder = AtomicFileWriter.newTemporaryFolder(dir, ".run.");
        assertThat(folder.getFileName().toString()).startsWith(".run.");
        NewFilePermissions.assertTreeRespectsUmask(folder);
        Path sibling = AtomicFileWriter.newTemporarySibling(dir.resolve("streamed.bin"));
        Files.writeString(sibling, "x");
        AtomicFileWriter.commit(sibling, dir.resolve("streamed.bin"));
        NewFilePermissions.assertTreeRespectsUmask(dir.resolve("streamed.bin"));
        try (Stream<Path> s = Files.list(dir)) {
            // no temporary file is left behind
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(folder.getFileName().toString(), "image.png", "streamed.bin", "sub");
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("out.txt");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFileWriter.write(file, o -> {
            o.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(file);
        }
    }

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

    @Test
    void moveNeverReplacesAndDeleteTreeRemovesEverything() throws IOException {
        Path from = dir.resolve("a");
        Files.createDirectories(from.resolve("x/y"));
        Files.writeString(from.resolve("x/y/f.txt"), "f");
        Path taken = dir.resolve("taken");
        Files.writeString(taken, "keep");
        assertThatThrownBy(() -> AtomicFileWriter.move(from, taken)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(taken)).isEqualTo("keep");
        Path to = dir.resolve("b");
        AtomicFileWriter.move(from, to);
        assertThat(from).doesNotExist();
        assertThat(Files.readString(to.resolve("x/y/f.txt"))).isEqualTo("f");
        AtomicFileWriter.deleteTree(to);
        assertThat(to).doesNotExist();
        AtomicFileWriter.deleteTree(to); // a missing path is not an error
        AtomicFileWriter.deleteTree(taken); // a plain file
        assertThat(taken).doesNotExist();
    }
}
