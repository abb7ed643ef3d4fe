package io.polyface.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Labels files and image list files. */
class TextFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void labelsOnePerLine() throws Exception {
        assertThat(LabelsFile.read(write("l.txt", "s1\r\ns1\n  s2 \ns3"))).containsExactly("s1", "s1", "s2", "s3");
        Path blank = write("b.txt", "s1\ns2\n\ns3\n");
        assertThatThrownBy(() -> LabelsFile.read(blank)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("b.txt").hasMessageContaining("line 3 is blank");
        Path empty = write("e.txt", "");
        assertThatThrownBy(() -> LabelsFile.read(empty)).isInstanceOf(MalformedFileException.class).hasMessageContaining("empty");
        Path latin1 = dir.resolve("x.txt");
        Files.write(latin1, new byte[] {'s', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> LabelsFile.read(latin1)).isInstanceOf(MalformedFileException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void imageListsWithAndWithoutLabels() throws Exception {
        List<ImageListFile.Entry> e = ImageListFile.read(write("list.txt",
                "Aaron_Peirsol/Aaron_Peirsol_0001.jpg\ns1\\3.pgm 7\n"));
        assertThat(e).containsExactly(new ImageListFile.Entry("Aaron_Peirsol/Aaron_Peirsol_0001.jpg", Optional.empty()),
                new ImageListFile.Entry("s1/3.pgm", Optional.of("7")));
        Path bad = write("bad.txt", "a.jpg 1\nb.jpg 2 extra\n");
        assertThatThrownBy(() -> ImageListFile.read(bad)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2 has 3 fields");
        Path blank = write("blank.txt", "a.jpg\n \n");
        assertThatThrownBy(() -> ImageListFile.read(blank)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2 is blank");
    }
}
