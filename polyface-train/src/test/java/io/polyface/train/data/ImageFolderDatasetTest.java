package io.polyface.train.data;

import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.train.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFolderDatasetTest {

    @Test
    void orlHasFortyIdentitiesOfTenImagesInNaturalOrder() throws IOException {
        FaceDataset orl = TestData.orl();
        assertThat(orl.size()).isEqualTo(400);
        assertThat(orl.labels().size()).isEqualTo(40);
        assertThat(orl.labels().name(0)).isEqualTo("s1");
        assertThat(orl.labels().name(9)).isEqualTo("s10");
        assertThat(orl.labels().name(39)).isEqualTo("s40");
        // s1's images come first, 1.pgm .. 10.pgm
        assertThat(orl.locate(0)).endsWith("s1/1.pgm");
        assertThat(orl.locate(9)).endsWith("s1/10.pgm");
        assertThat(orl.label(9)).isZero();
        assertThat(orl.label(10)).isEqualTo(1);
        assertThat(orl.locate(10)).endsWith("s2/1.pgm");
        byte[] pgm = orl.read(0);
        assertThat(new String(pgm, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("P5");
    }

    @Test
    void onlyImageFilesInIdentityFoldersAreTaken(@TempDir Path root) throws IOException {
        byte[] png = ImageEncoder.toPng(RgbImage.fromGrey(4, 4, new float[16]));
        Files.createDirectories(root.resolve("bob"));
        Files.createDirectories(root.resolve("alice"));
        Files.createDirectories(root.resolve(".hidden"));
        Files.createDirectories(root.resolve("empty"));
        Files.write(root.resolve("README"), new byte[] {1});
        Files.write(root.resolve("bob/1.PNG"), png);
        Files.write(root.resolve("bob/notes.txt"), new byte[] {1});
        Files.write(root.resolve("bob/.DS_Store.png"), png);
        Files.write(root.resolve("alice/b.jpg"), png); // content decides the decoder, the name only selects
        Files.write(root.resolve(".hidden/x.png"), png);
        ImageFolderDataset ds = ImageFolderDataset.open(root);
        assertThat(ds.labels().names()).containsExactly("alice", "bob");
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.locate(0)).endsWith("alice/b.jpg");
        assertThat(ds.label(1)).isEqualTo(1);
        assertThat(ds.description()).contains("2 identities, 2 images");
    }

    @Test
    void missingOrEmptyFoldersAreClearErrors(@TempDir Path root) throws IOException {
        assertThatThrownBy(() -> ImageFolderDataset.open(root.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
        Files.createDirectories(root.resolve("a"));
        assertThatThrownBy(() -> ImageFolderDataset.open(root)).isInstanceOf(IOException.class)
                .hasMessageContaining("no identity folder with images in " + root);
        assertThatThrownBy(() -> Datasets.open(root.resolve("missing.rec"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("training data: expected a folder of identity folders");
    }
}
