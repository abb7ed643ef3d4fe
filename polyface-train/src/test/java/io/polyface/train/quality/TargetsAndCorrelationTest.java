package io.polyface.train.quality;

import io.polyface.aggregation.TrackId;
import io.polyface.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Usefulness targets and the rank correlation against hand computations. */
class TargetsAndCorrelationTest {

    private static final RgbImage CROP = RgbImage.of(2, 2, new float[12]);

    /** Identity a: track a/1 = (1, 0), (0, 2); track a/2 = (3, 3). Identity b: track b/1 = (0, -1), (-1, 0). */
    private static QualityFrames frames() {
        float[][] e = {{1, 0}, {0, 2}, {3, 3}, {0, -1}, {-1, 0}};
        List<TrackId> ids = List.of(TrackId.parse("a/1"), TrackId.parse("a/1"), TrackId.parse("a/2"), TrackId.parse("b/1"),
                TrackId.parse("b/1"));
        return QualityFrames.of(Collections.nCopies(5, CROP), e, ids);
    }

    @Test
    void classCentreTargetIsTheCosineToTheSumOfTheIdentitysUnitEmbeddings() {
        float[] t = UsefulnessTarget.CLASS_CENTRE.compute(frames());
        // a: unit vectors (1, 0), (0, 1), (s, s) with s = 1/sqrt(2) sum to (1 + s, 1 + s): every cosine is about that diagonal
        double s = Math.sqrt(0.5);
        assertThat((double) t[0]).isCloseTo(s, within(1e-6));
        assertThat((double) t[1]).isCloseTo(s, within(1e-6));
        assertThat((double) t[2]).isCloseTo(1.0, within(1e-6));
        // b: (0, -1) + (-1, 0) = (-1, -1)
        assertThat((double) t[3]).isCloseTo(s, within(1e-6));
        assertThat((double) t[4]).isCloseTo(s, within(1e-6));
    }

    @Test
    void setMeanTargetLeavesTheFrameOut() {
        float[][] e = {{1, 0}, {0, 2}, {1, 1}, {5, 0}};
        List<TrackId> ids = Collections.nCopies(4, TrackId.parse("x/t"));
        float[] t = UsefulnessTarget.SET_MEAN.compute(QualityFrames.of(Collections.nCopies(4, CROP), e, ids));
        double s = Math.sqrt(0.5);
        // frame 0 against (0, 1) + (s, s) + (1, 0) = (1 + s, 1 + s): cosine s
        assertThat((double) t[0]).isCloseTo(s, within(1e-6));
        // frame 2 against (1, 0) + (0, 1) + (1, 0) = (2, 1): (2s + s) / sqrt(5)
        assertThat((double) t[2]).isCloseTo(3 * s / Math.sqrt(5), within(1e-6));
        assertThatThrownBy(() -> UsefulnessTarget.SET_MEAN.compute(frames())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("track a/2 has one frame");
    }

    @Test
    void spearmanMatchesAHandComputationWithTies() {
        assertThat(RankCorrelation.spearman(new float[] {1, 2, 3, 4}, new float[] {10, 20, 30, 40})).isEqualTo(1.0);
        assertThat(RankCorrelation.spearman(new float[] {1, 2, 3, 4}, new float[] {4, 3, 2, 1})).isEqualTo(-1.0);
        // x ranks 1, 2, 3, 4, 5; y = (1, 3, 2, 5, 5) ranks 1, 3, 2, 4.5, 4.5; Pearson of the ranks:
        // mean 3 each; sum of products of deviations = 4 + 0 + 0 + 1.5 + 3 = 8.5; variances 10 and 9.5
        assertThat(RankCorrelation.spearman(new float[] {1, 2, 3, 4, 5}, new float[] {1, 3, 2, 5, 5}))
                .isCloseTo(8.5 / Math.sqrt(10 * 9.5), within(1e-12));
        assertThatThrownBy(() -> RankCorrelation.spearman(new float[] {1}, new float[] {1})).hasMessageContaining("n >= 2");
        assertThatThrownBy(() -> RankCorrelation.spearman(new float[] {1, Float.NaN}, new float[] {1, 2}))
                .hasMessageContaining("value 1 is not finite");
    }

    @Test
    void qualityFramesAreValidatedAndSubsetByIdentity() {
        QualityFrames f = frames();
        assertThat(f.identities()).containsExactly("a", "b");
        QualityFrames b = f.subset(List.of("b"));
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.embedding(1)).containsExactly(-1, 0);
        assertThatThrownBy(() -> f.subset(List.of("z"))).hasMessageContaining("none of the identities [z]");
        assertThatThrownBy(() -> QualityFrames.of(List.of(CROP), new float[][] {{0, 0}}, List.of(TrackId.parse("a/1"))))
                .hasMessageContaining("embedding 0 is all zero");
        assertThatThrownBy(() -> QualityFrames.of(List.of(CROP, CROP), new float[][] {{1, 0}, {1}},
                List.of(TrackId.parse("a/1"), TrackId.parse("a/1")))).hasMessageContaining("embedding 1 has length 1");
        assertThatThrownBy(() -> QualityFrames.of(List.of(CROP, RgbImage.of(3, 2, new float[18])), new float[][] {{1}, {1}},
                List.of(TrackId.parse("a/1"), TrackId.parse("a/1")))).hasMessageContaining("frame 1 is 3x2");
        assertThatThrownBy(() -> QualityFrames.of(List.of(CROP), new float[][] {{Float.NaN}}, List.of(TrackId.parse("a/1"))))
                .hasMessageContaining("non-finite");
    }
}
