package io.polyface.aggregation.eval;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.IjbTemplate;
import io.polyface.aggregation.TrackId;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LabelsFile;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.aggregation.io.TrackIdsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrackFeaturesTest {

    @TempDir
    Path dir;

    /** Six frames of d = 2; tracks a/x (rows 0, 2, 5), b/y (rows 1, 4), a/z (row 3). */
    private static final float[][] FRAMES = {{3, 4}, {1, 0}, {0, 2}, {-1, 1}, {0, -5}, {6, 8}};
    private static final List<TrackId> IDS = List.of(TrackId.parse("a/x"), TrackId.parse("b/y"), TrackId.parse("a/x"),
            TrackId.parse("a/z"), TrackId.parse("b/y"), TrackId.parse("a/x"));
    private static final float[] Q = {2, -1, 0, 5, 1, 1};

    @Test
    void meanPoolingPerTrackMatchesAHandComputation() {
        TrackFeatures t = TrackFeatures.aggregate(FeatureMatrix.of(FRAMES), IDS, null, AggregationMethod.MEAN.create(true));
        assertThat(t.trackIds()).extracting(TrackId::toString).containsExactly("a/x", "b/y", "a/z");
        assertThat(t.labels()).containsExactly("a", "b", "a");
        // a/x: unit frames (0.6, 0.8), (0, 1), (0.6, 0.8) sum to (1.2, 2.6), norm sqrt(8.2)
        double n = Math.sqrt(1.2 * 1.2 + 2.6 * 2.6);
        assertThat((double) t.features().get(0, 0)).isCloseTo(1.2 / n, within(1e-6));
        assertThat((double) t.features().get(0, 1)).isCloseTo(2.6 / n, within(1e-6));
        // b/y: (1, 0) + (0, -1), normalised
        assertThat((double) t.features().get(1, 0)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat((double) t.features().get(1, 1)).isCloseTo(-Math.sqrt(0.5), within(1e-6));
        // a/z: one frame (-1, 1), normalised
        assertThat((double) t.features().get(2, 0)).isCloseTo(-Math.sqrt(0.5), within(1e-6));
    }

    @Test
    void qanPlusPlusUsesEachTracksOwnScoresInRowOrder() {
        TrackFeatures t = TrackFeatures.aggregate(FeatureMatrix.of(FRAMES), IDS, Q, AggregationMethod.QANPP.create(false));
        // a/x: scores 2, 0, 1 -> min-max weights 1, 0, 0.5 -> (3, 4)/1.5 + (6, 8)*0.5/1.5 = (4, 16/3)
        assertThat((double) t.features().get(0, 0)).isCloseTo(4.0, within(1e-5));
        assertThat((double) t.features().get(0, 1)).isCloseTo(16.0 / 3, within(1e-5));
        // b/y: two frames, raw scores -1 (clamped to 0) and 1 -> the second frame
        assertThat(t.features().row(1)).containsExactly(0f, -5f);
        assertThat(t.features().row(2)).containsExactly(-1f, 1f);
    }

    @Test
    void inputsAreCheckedAndAFailingTrackIsNamed() {
        FeatureMatrix x = FeatureMatrix.of(FRAMES);
        Aggregator qanpp = AggregationMethod.QANPP.create(false);
        assertThatThrownBy(() -> TrackFeatures.aggregate(x, IDS.subList(0, 5), Q, qanpp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 track ids for 6 feature rows");
        assertThatThrownBy(() -> TrackFeatures.aggregate(x, IDS, null, qanpp)).hasMessageContaining("qanpp needs per-frame quality scores");
        assertThatThrownBy(() -> TrackFeatures.aggregate(x, IDS, new float[3], qanpp)).hasMessageContaining("3 quality scores for 6");
        assertThatThrownBy(() -> TrackFeatures.aggregate(x, IDS, null, AggregationMethod.IJB.create(true)))
                .hasMessageContaining("identity/track/media");
        float[] bad = Q.clone();
        bad[4] = Float.NaN;
        assertThatThrownBy(() -> TrackFeatures.aggregate(x, IDS, bad, qanpp)).hasMessageContaining("track b/y (rows [1, 4])");
        assertThat(TrackFeatures.aggregate(x, IDS, bad, AggregationMethod.MEAN.create(true)).features().rows()).isEqualTo(3);
    }

    @Test
    void ijbTemplatesUseTheMediaPartOfTheIds() {
        List<TrackId> ids = List.of(TrackId.parse("a/x/m1"), TrackId.parse("a/x/m1"), TrackId.parse("a/x/m2"));
        float[][] f = {{2, 0}, {0, 2}, {0, 3}};
        TrackFeatures t = TrackFeatures.aggregate(FeatureMatrix.of(f), ids, null, IjbTemplate.builder().optNormalize(false).build());
        // media means (1, 1) and (0, 3), summed
        assertThat(t.features().row(0)).containsExactly(1f, 4f);
        assertThat(t.trackIds()).extracting(TrackId::toString).containsExactly("a/x");
    }

    @Test
    void writeGivesAnLfrFileWithTracksAndLabelsThatEvalReads() throws IOException {
        TrackFeatures t = TrackFeatures.aggregate(FeatureMatrix.of(FRAMES), IDS, Q, AggregationMethod.QAN.create(true));
        Path out = dir.resolve("tracks.bin");
        t.write(out);
        assertThat(LfrFeatureFile.read(out)).isEqualTo(t.features());
        assertThat(TrackIdsFile.read(dir.resolve("tracks.bin.tracks"))).isEqualTo(t.trackIds());
        assertThat(LabelsFile.read(dir.resolve("tracks.bin.labels"))).containsExactly("a", "b", "a");
    }
}
