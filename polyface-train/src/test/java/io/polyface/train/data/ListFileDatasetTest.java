package io.polyface.train.data;

import io.polyface.core.io.MalformedFileException;
import io.polyface.train.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListFileDatasetTest {

    @Test
    void pathsAreRelativeToTheImageRootAndLabelsRemapped(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("train.lst");
        Files.writeString(list, "s2/1.pgm 1002\ns10/3.pgm 77\ns2/2.pgm 1002\n");
        ListFileDataset ds = ListFileDataset.open(list, TestData.orlFolder());
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.labels().names()).containsExactly("77", "1002");
        assertThat(ds.label(0)).isEqualTo(1);
        assertThat(ds.label(1)).isZero();
        assertThat(ds.read(1)).isEqualTo(Files.readAllBytes(TestData.orlFolder().resolve("s10/3.pgm")));
        assertThat(ds.locate(2)).contains("s2/2.pgm").contains("line 3");
    }

    @Test
    void aLineWithoutLabelIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("train.txt");
        Files.writeString(list, "a.png 1\nb.png\n");
        assertThatThrownBy(() -> ListFileDataset.open(list)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2 has no label");
    }

    @Test
    void datasetsOpensAListFileByElimination(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("x.txt");
        Files.writeString(list, "a.png 1\nb.png 2\n");
        assertThat(Datasets.open(list)).isInstanceOf(ListFileDataset.class);
        assertThat(Datasets.open(TestData.orlFolder())).isInstanceOf(ImageFolderDataset.class);
    }
}
