package io.polyface.aggregation.track;

import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.GaussianBlur;
import io.polyface.core.image.ops.JpegRecompression;
import io.polyface.core.image.ops.Occlusion;
import io.polyface.core.io.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackLayoutTest {

    @TempDir
    Path dir;

    private static RgbImage image(int w, int h, float base) {
        float[] px = new float[w * h * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (base + 7 * i) % 256;
        }
        return RgbImage.of(w, h, px);
    }

    private static TrackFrame frame(String file, long seed, Corruption c) {
        return new TrackFrame(file, "s1/" + seed + ".pgm",
                new FrameDegradation(1.5, -0.25, List.of(new GaussianBlur(2.5), new Occlusion(0.5, 12.75f),
                        new JpegRecompression(40)), seed), c);
    }

    @Test
    void writeThenReadGivesTheSameTrackFramesAndRecord() throws IOException {
        List<RgbImage> frames = List.of(image(6, 4, 0), image(6, 4, 100), image(6, 4, 200));
        List<TrackFrame> record = List.of(frame("000.png", -3, null), frame("001.png", Long.MAX_VALUE, Corruption.BLUR),
                frame("002.png", 5, Corruption.ILLUMINATION));
        Track written = TrackLayout.write(dir, "alice", "video1", frames, record);
        TrackLayout.write(dir, "alice", "video0", frames.subList(0, 1), List.of());
        TrackLayout.write(dir, "bob", "v", frames.subList(1, 3), List.of());

        List<Track> tracks = TrackLayout.read(dir);
        assertThat(tracks).extracting(t -> t.id().toString()).containsExactly("alice/video0", "alice/video1", "bob/v");
        Track read = tracks.get(1);
        assertThat(read).isEqualTo(written);
        assertThat(read.recorded()).isEqualTo(record);
        assertThat(read.frames()).extracting(p -> p.getFileName().toString()).containsExactly("000.png", "001.png", "002.png");
        for (int i = 0; i < frames.size(); i++) {
            assertThat(ImageDecoder.read(read.frames().get(i))).isEqualTo(frames.get(i));
        }
        assertThat(tracks.get(0).hasRecord()).isFalse();
        assertThat(tracks.get(2).size()).isEqualTo(2);
    }

    @Test
    void frameNamesArePaddedSoFileNameOrderIsFrameOrder() {
        assertThat(TrackLayout.frameName(7, 5)).isEqualTo("007.png");
        assertThat(TrackLayout.frameName(999, 1000)).isEqualTo("999.png");
        assertThat(TrackLayout.frameName(42, 1001)).isEqualTo("0042.png");
    }

    @Test
    void hiddenEntriesAreIgnoredAndOtherImageFormatsAreFrames() throws IOException {
        TrackLayout.write(dir, "a", "t", List.of(image(3, 3, 1)), List.of());
        Files.writeString(dir.resolve(".DS_Store"), "x");
        Files.writeString(dir.resolve("a/t/.hidden"), "x");
        Files.copy(dir.resolve("a/t/000.png"), dir.resolve("a/t/001.PGM"));
        Track t = TrackLayout.read(dir).get(0);
        assertThat(t.frames()).extracting(p -> p.getFileName().toString()).containsExactly("000.png", "001.PGM");
    }

    @Test
    void brokenLayoutsAreRejectedNamingThePath() throws IOException {
        assertThatThrownBy(() -> TrackLayout.read(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("no identity folders");

        Files.createDirectories(dir.resolve("a/t"));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("a" + java.io.File.separator + "t").hasMessageContaining("no frame images");

        TrackLayout.write(dir, "a", "u", List.of(image(3, 3, 1)), List.of());
        Files.writeString(dir.resolve("a/t/notes.txt"), "x");
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("not a frame");
        Files.delete(dir.resolve("a/t/notes.txt"));
        Files.delete(dir.resolve("a/t"));

        Files.writeString(dir.resolve("a/stray.png"), "x");
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("stray.png").hasMessageContaining("track folder");
        Files.delete(dir.resolve("a/stray.png"));

        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("empty").hasMessageContaining("no track folders");
        Files.delete(dir.resolve("empty"));

        Files.createDirectories(dir.resolve("a/u/sub"));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("sub").hasMessageContaining("a folder inside a track folder");
        Files.delete(dir.resolve("a/u/sub"));

        Files.createDirectories(dir.resolve("b/bad name "));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("whitespace");
    }

    @Test
    void aSidecarMustDescribeExactlyTheFramesOfItsOwnFolder() throws IOException {
        List<RgbImage> frames = List.of(image(3, 3, 1), image(3, 3, 2));
        TrackLayout.write(dir, "a", "t", frames, List.of(frame("000.png", 1, null), frame("001.png", 2, Corruption.NOISE)));
        Path sidecar = dir.resolve("a/t").resolve(TrackLayout.SIDECAR);
        String json = Files.readString(sidecar);

        Files.delete(dir.resolve("a/t/001.png"));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("describes 2 frames but the folder holds 1");
        Files.copy(dir.resolve("a/t/000.png"), dir.resolve("a/t/009.png"));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("frames[1] is \"001.png\"").hasMessageContaining("\"009.png\"");
        Files.move(dir.resolve("a/t/009.png"), dir.resolve("a/t/001.png"));

        Files.writeString(sidecar, json.replace("\"a\"", "\"z\""));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("describes track z/t");
        Files.writeString(sidecar, json.replace("gaussian_blur", "motion_blur"));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("frames[0].degradations[0]").hasMessageContaining("unknown degradation type 'motion_blur'");
        Files.writeString(sidecar, json.replace("\"noise\"", "\"rain\""));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("frames[1]").hasMessageContaining("unknown corruption 'rain'");
        Files.writeString(sidecar, json.replace("\"sigma\" : 2.5", "\"sigma\" : -1"));
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("blur sigma -1");
        Files.writeString(sidecar, "{\"format\": ");
        assertThatThrownBy(() -> TrackLayout.read(dir)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void writeRefusesToMixWithAnExistingTrackAndChecksItsArguments() throws IOException {
        List<RgbImage> frames = List.of(image(3, 3, 1));
        TrackLayout.write(dir, "a", "t", frames, List.of());
        assertThatThrownBy(() -> TrackLayout.write(dir, "a", "t", frames, List.of()))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> TrackLayout.write(dir, "a/b", "t", frames, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains '/'");
        assertThatThrownBy(() -> TrackLayout.write(dir, "a", "u", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no frames");
        assertThatThrownBy(() -> TrackLayout.write(dir, "a", "u", frames, List.of(frame("001.png", 1, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"001.png\"");
    }
}
