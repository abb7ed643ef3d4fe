package io.polyface.aggregation.track;

import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.Degradation;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Degraded tracks made from ORL stills (../shared/data/orl, 92 × 112 grey PGM). */
class DegradedTrackGeneratorTest {

    private static final Path ORL = SharedResources.resolve("data/orl");

    @TempDir
    Path dir;

    private static DegradedTrackGenerator.Builder small() {
        return DegradedTrackGenerator.builder().optSeed(11).optTracksPerIdentity(3).optFramesPerTrack(4)
                .optHeavyFramesPerTrack(1, 2);
    }

    @Test
    void tracksFollowTheRecipeAndEveryFrameReplaysFromItsRecord() throws IOException {
        List<Track> tracks = small().build().generate(ORL, List.of("s3", "s1"), dir.resolve("out"));
        assertThat(tracks).extracting(t -> t.id().toString())
                .containsExactly("s3/t0", "s3/t1", "s3/t2", "s1/t0", "s1/t1", "s1/t2");
        assertThat(TrackLayout.read(dir.resolve("out"))).containsExactlyInAnyOrderElementsOf(tracks);

        for (String identity : List.of("s1", "s3")) {
            Set<String> stillsSeen = new HashSet<>();
            for (Track t : tracks.stream().filter(t -> t.identity().equals(identity)).toList()) {
                assertThat(t.size()).isEqualTo(4);
                assertThat(t.hasRecord()).isTrue();
                long heavy = t.recorded().stream().filter(TrackFrame::heavy).count();
                assertThat(heavy).isBetween(1L, 2L);
                Set<String> stillsOfTrack = new HashSet<>();
                for (int k = 0; k < t.size(); k++) {
                    TrackFrame f = t.recorded().get(k);
                    stillsOfTrack.add(f.source());
                    FrameDegradation d = f.degradation();
                    assertThat(Math.abs(d.shiftX())).isLessThanOrEqualTo(4.0);
                    assertThat(Math.abs(d.shiftY())).isLessThanOrEqualTo(4.0);
                    List<Degradation> ops = d.degradations();
                    assertThat(ops.get(0)).isInstanceOf(BrightnessContrast.class);
                    BrightnessContrast mild = (BrightnessContrast) ops.get(0);
                    assertThat(mild.brightness()).isBetween(-15.0, 15.0);
                    assertThat(mild.contrast()).isBetween(0.9, 1.1);
                    assertThat(ops).hasSize(f.heavy() ? 2 : 1);
                    // the frame on disk is the recorded recipe applied to the recorded still, rounded to 8 bits
                    RgbImage still = ImageDecoder.read(ORL.resolve(f.source()));
                    assertThat(ImageDecoder.read(t.frames().get(k))).isEqualTo(rounded(d.apply(still)));
                }
                // 10 stills in 3 contiguous groups of 3, 3, 4: a track of 4 frames uses every still of its group
                assertThat(stillsOfTrack).hasSizeBetween(3, 4);
                assertThat(stillsOfTrack).allSatisfy(still -> assertThat(stillsSeen).doesNotContain(still));
                stillsSeen.addAll(stillsOfTrack);
            }
            assertThat(stillsSeen).hasSize(10);
        }
    }

    @Test
    void anIdentitysTracksDependOnTheSeedAndItsNameOnly() throws IOException {
        List<Track> a = small().build().generate(ORL, List.of("s1", "s2"), dir.resolve("a"));
        List<Track> b = small().build().generate(ORL, List.of("s2"), dir.resolve("b"));
        List<Track> c = small().optSeed(12).build().generate(ORL, List.of("s2"), dir.resolve("c"));
        List<Track> s2 = a.subList(3, 6);
        for (int t = 0; t < 3; t++) {
            assertThat(b.get(t).recorded()).isEqualTo(s2.get(t).recorded());
            for (int k = 0; k < 4; k++) {
                assertThat(Files.readAllBytes(b.get(t).frames().get(k))).isEqualTo(Files.readAllBytes(s2.get(t).frames().get(k)));
            }
            assertThat(c.get(t).recorded()).isNotEqualTo(s2.get(t).recorded());
        }
    }

    @Test
    void onlyTheChosenCorruptionsAreDrawnWithinTheirDocumentedRanges() throws IOException {
        List<Track> tracks = DegradedTrackGenerator.builder().optSeed(3).optTracksPerIdentity(2).optFramesPerTrack(5)
                .optHeavyFramesPerTrack(4, 4).optMaxShift(0).optMildPhotometric(false)
                .optCorruptions(EnumSet.of(Corruption.BLUR, Corruption.LOW_RESOLUTION)).build()
                .generate(ORL, List.of("s5"), dir);
        int heavy = 0;
        for (Track t : tracks) {
            for (TrackFrame f : t.recorded()) {
                assertThat(f.degradation().shiftX()).isZero();
                assertThat(f.degradation().shiftY()).isZero();
                if (!f.heavy()) {
                    assertThat(f.degradation().degradations()).isEmpty();
                    continue;
                }
                heavy++;
                assertThat(f.corruption()).isIn(Corruption.BLUR, Corruption.LOW_RESOLUTION);
                Degradation d = f.degradation().degradations().get(0);
                if (d instanceof io.polyface.core.image.ops.GaussianBlur blur) {
                    assertThat(f.corruption()).isEqualTo(Corruption.BLUR);
                    assertThat(blur.sigma()).isBetween(4.0, 7.0);
                } else {
                    assertThat(f.corruption()).isEqualTo(Corruption.LOW_RESOLUTION);
                    assertThat(((io.polyface.core.image.ops.DownUpResize) d).factor()).isBetween(0.06, 0.10);
                }
            }
        }
        assertThat(heavy).isEqualTo(8);
    }

    @Test
    void badSettingsAndInputsAreRejected() throws IOException {
        assertThatThrownBy(() -> DegradedTrackGenerator.builder().optHeavyFramesPerTrack(1, 5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every track keeps a good frame");
        assertThatThrownBy(() -> DegradedTrackGenerator.builder().optTracksPerIdentity(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tracksPerIdentity 0");
        assertThatThrownBy(() -> DegradedTrackGenerator.builder().optMaxShift(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxShift NaN");
        assertThatThrownBy(() -> DegradedTrackGenerator.builder().optCorruptions(Set.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corruptions");
        DegradedTrackGenerator gen = small().build();
        assertThatThrownBy(() -> gen.generate(ORL, List.of("s1", "s1"), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> gen.generate(ORL, List.of("s99"), dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s99");
        assertThatThrownBy(() -> DegradedTrackGenerator.builder().optTracksPerIdentity(11).optFramesPerTrack(2)
                .optHeavyFramesPerTrack(0, 1).build().generate(ORL, List.of("s1"), dir))
                .hasMessageContaining("holds 10 still images but 11 tracks");
        gen.generate(ORL, List.of("s1"), dir);
        assertThatThrownBy(() -> gen.generate(ORL, List.of("s1"), dir)).isInstanceOf(FileAlreadyExistsException.class);
    }

    private static RgbImage rounded(RgbImage image) {
        float[] px = image.toArray();
        for (int i = 0; i < px.length; i++) {
            px[i] = RgbImage.to8Bit(px[i]);
        }
        return RgbImage.of(image.width(), image.height(), px);
    }
}
