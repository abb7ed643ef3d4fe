package io.polyface.examples.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The synthetic dataset: determinism, layout, image format, distinct identities, atomic writes. */
class SyntheticFaceDatasetTest {

    @TempDir
    Path tmp;

    private static SyntheticFaceDataset data(int identities, int images, long seed) {
        return SyntheticFaceDataset.builder().setIdentities(identities).setImagesPerIdentity(images).optSeed(seed).build();
    }

    @Test
    void sameSeedGivesByteIdenticalPngsWhateverTheThreadCount() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        SyntheticFaceDataset.builder().setIdentities(5).setImagesPerIdentity(4).optSeed(3).optThreads(1).build().write(a);
        SyntheticFaceDataset.builder().setIdentities(5).setImagesPerIdentity(4).optSeed(3).optThreads(3).build().write(b);
        List<Path> files = pngs(a);
        assertThat(files).hasSize(20);
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve(a.relativize(f)))).as(f.toString()).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void differentSeedGivesDifferentImages() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        data(4, 3, 1).write(a);
        data(4, 3, 2).write(b);
        for (Path f : pngs(a)) {
            assertThat(Files.readAllBytes(b.resolve(a.relativize(f)))).as(f.toString()).isNotEqualTo(Files.readAllBytes(f));
        }
        assertThat(data(4, 3, 1).identity(0)).isNotEqualTo(data(4, 3, 2).identity(0));
    }

    @Test
    void imagesDoNotDependOnTheSizeOfTheSet() {
        SyntheticFaceDataset small = data(3, 2, 11);
        SyntheticFaceDataset large = data(50, 7, 11);
        assertThat(large.identity(2)).isEqualTo(small.identity(2));
        assertThat(large.nuisance(2, 1)).isEqualTo(small.nuisance(2, 1));
        assertThat(large.image(2, 1)).isEqualTo(small.image(2, 1));
    }

    @Test
    void layoutCountsAndManifest() throws IOException {
        Path out = tmp.resolve("faces");
        SyntheticFaceDataset.WriteSummary s = data(3, 4, 9).write(out);
        assertThat(s.images()).isEqualTo(12);
        assertThat(s.identities()).isEqualTo(3);
        assertThat(s.imagesPerIdentity()).isEqualTo(4);
        assertThat(s.dir()).isEqualTo(out.toAbsolutePath().normalize());
        List<String> top;
        try (Stream<Path> list = Files.list(out)) {
            top = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(top).containsExactly("id00000", "id00001", "id00002", SyntheticFaceDataset.MANIFEST);
        long bytes = 0;
        for (String id : top.subList(0, 3)) {
            List<String> files;
            try (Stream<Path> list = Files.list(out.resolve(id))) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertThat(files).containsExactly("000.png", "001.png", "002.png", "003.png");
            for (String f : files) {
                bytes += Files.size(out.resolve(id).resolve(f));
            }
        }
        assertThat(s.pngBytes()).isEqualTo(bytes);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve(SyntheticFaceDataset.MANIFEST).toFile());
        assertThat(manifest.get("seed").asLong()).isEqualTo(9);
        assertThat(manifest.get("identities").asInt()).isEqualTo(3);
        assertThat(manifest.get("images_per_identity").asInt()).isEqualTo(4);
        assertThat(manifest.get("difficulty").asDouble()).isEqualTo(1.0);
        assertThat(manifest.get("dataset").asText()).contains("synthetic");
    }

    @Test
    void namesArePaddedToSortInIndexOrder() {
        SyntheticFaceDataset big = data(123_456, 1234, 0);
        assertThat(big.identityName(7)).isEqualTo("id000007");
        assertThat(big.imageName(7)).isEqualTo("0007.png");
        SyntheticFaceDataset small = data(10, 5, 0);
        assertThat(small.identityName(9)).isEqualTo("id00009");
        assertThat(small.imageName(4)).isEqualTo("004.png");
        assertThatThrownBy(() -> small.identityName(10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..9");
        assertThatThrownBy(() -> small.image(0, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image 5");
    }

    @Test
    void everyPngIs112By112EightBitRgbAndDecodesToTheInMemoryImage() throws IOException {
        Path out = tmp.resolve("faces");
        SyntheticFaceDataset data = data(2, 3, 4);
        data.write(out);
        for (SyntheticFaceDataset.Sample sample : data.generate()) {
            Path file = out.resolve(data.identityName(sample.label())).resolve(data.imageName(sample.index()));
            BufferedImage png = ImageIO.read(file.toFile());
            assertThat(png.getWidth()).isEqualTo(112);
            assertThat(png.getHeight()).isEqualTo(112);
            assertThat(png.getRaster().getNumBands()).isEqualTo(3);
            assertThat(png.getColorModel().hasAlpha()).isFalse();
            assertThat(png.getColorModel().getComponentSize()).containsOnly(8);
            // PNG is lossless: the file holds the in-memory image rounded to 8 bits
            RgbImage decoded = ImageDecoder.read(file);
            float[] expected = sample.image().toArray();
            float[] actual = decoded.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isEqualTo((float) RgbImage.to8Bit(expected[i]));
            }
        }
    }

    @Test
    void generateReturnsLabelsInOrderAndMatchesRandomAccess() {
        SyntheticFaceDataset data = data(4, 3, 5);
        List<SyntheticFaceDataset.Sample> all = data.generate();
        assertThat(all).hasSize(12);
        for (int k = 0; k < all.size(); k++) {
            assertThat(all.get(k).label()).isEqualTo(k / 3);
            assertThat(all.get(k).index()).isEqualTo(k % 3);
            assertThat(all.get(k).image().width()).isEqualTo(112);
        }
        assertThat(all.get(7).image()).isEqualTo(data.image(2, 1));
        List<SyntheticFaceDataset.Sample> part = data.generate(1, 3);
        assertThat(part).hasSize(6);
        assertThat(part.get(0).label()).isEqualTo(1);
        assertThat(part.get(0).image()).isEqualTo(all.get(3).image());
        assertThatThrownBy(() -> data.generate(2, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 2)");
        assertThatThrownBy(() -> data.generate(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyIdentityIsDifferent() {
        SyntheticFaceDataset data = data(2000, 1, 0);
        Set<FaceIdentity> identities = new HashSet<>();
        Set<Double> spacings = new HashSet<>();
        Set<Integer> skins = new HashSet<>();
        for (int i = 0; i < data.identities(); i++) {
            FaceIdentity id = data.identity(i);
            identities.add(id);
            spacings.add(id.eyes().spacing());
            skins.add(id.head().skinRgb());
        }
        assertThat(identities).hasSize(2000);
        assertThat(spacings).hasSize(2000); // a continuous parameter: no two identities share it
        assertThat(skins.size()).isGreaterThan(1000);
        // and their canonical renderings differ too
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer();
        Set<RgbImage> canonical = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            canonical.add(renderer.render(data.identity(i), Nuisance.none()));
        }
        assertThat(canonical).hasSize(60);
    }

    @Test
    void difficultyZeroRendersEveryImageOfAnIdentityAlike() {
        SyntheticFaceDataset data = SyntheticFaceDataset.builder().setIdentities(2).setImagesPerIdentity(3).optDifficulty(0).build();
        assertThat(data.image(1, 0)).isEqualTo(data.image(1, 2));
        assertThat(data.image(0, 0)).isNotEqualTo(data.image(1, 0));
    }

    @Test
    void writingIntoAnEmptyFolderReplacesIt() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("empty"));
        data(1, 1, 0).write(out);
        assertThat(out.resolve("id00000").resolve("000.png")).exists();
    }

    @Test
    void refusesANonEmptyFolderOrAFileAndLeavesThemAlone() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("used"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> data(1, 1, 0).write(out)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("used").hasMessageContaining("not empty");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
        Path file = Files.writeString(tmp.resolve("file.png"), "x");
        assertThatThrownBy(() -> data(1, 1, 0).write(file)).isInstanceOf(NotDirectoryException.class)
                .hasMessageContaining("file.png");
        assertThat(entries(tmp)).containsExactlyInAnyOrder("used", "file.png");
    }

    @Test
    void aFailedWriteLeavesNoFolderBehind() throws IOException {
        Path out = tmp.resolve("faces");
        SyntheticFaceDataset data = SyntheticFaceDataset.builder().setIdentities(6).setImagesPerIdentity(2).optThreads(2).build();
        List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> data.write(out, done -> {
            seen.add(done);
            if (done >= 4) {
                throw new IllegalStateException("stop");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("stop");
        assertThat(seen).containsExactly(2L, 4L);
        assertThat(out).doesNotExist();
        assertThat(entries(tmp)).isEmpty(); // the temporary folder is gone too
    }

    @Test
    void progressCountsImagesUpToTheTotal() throws IOException {
        List<Long> seen = new ArrayList<>();
        data(3, 2, 0).write(tmp.resolve("p"), seen::add);
        assertThat(seen).containsExactly(2L, 4L, 6L);
    }

    @Test
    void builderNamesTheBadSetting() {
        assertThatThrownBy(() -> SyntheticFaceDataset.builder().setImagesPerIdentity(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identities not set");
        assertThatThrownBy(() -> SyntheticFaceDataset.builder().setIdentities(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images per identity not set");
        assertThatThrownBy(() -> SyntheticFaceDataset.builder().setIdentities(0).setImagesPerIdentity(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identities = 0");
        assertThatThrownBy(() -> SyntheticFaceDataset.builder().setIdentities(2).setImagesPerIdentity(2).optDifficulty(2.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("difficulty = 2.5");
        assertThatThrownBy(() -> SyntheticFaceDataset.builder().setIdentities(2).setImagesPerIdentity(2).optThreads(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads = 0");
    }

    @Test
    void streamSeedsOfNeighbouringIndicesDiffer() {
        Set<Long> seeds = new HashSet<>();
        for (int a = 0; a < 100; a++) {
            for (int b = 0; b < 100; b++) {
                seeds.add(SyntheticFaceDataset.streamSeed(0, a, b));
            }
        }
        assertThat(seeds).hasSize(10_000);
        assertThat(SyntheticFaceDataset.streamSeed(1, 2, 3)).isEqualTo(SyntheticFaceDataset.streamSeed(1, 2, 3))
                .isNotEqualTo(SyntheticFaceDataset.streamSeed(2, 2, 3));
    }

    private static List<Path> pngs(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
