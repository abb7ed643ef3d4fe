package io.polyface.aggregation;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackGroupTest {

    private static List<TrackId> ids(String... s) {
        return TrackId.parseLines(List.of(s), "test");
    }

    @Test
    void groupsRowsByTrackInOrderOfFirstAppearance() {
        List<TrackGroup> groups = TrackGroup.groupRows(ids("b/1", "a/1", "b/1", "a/2", "a/1"));
        assertThat(groups).extracting(TrackGroup::trackKey).containsExactly("b/1", "a/1", "a/2");
        assertThat(groups.get(0).rows()).containsExactly(0, 2);
        assertThat(groups.get(1).rows()).containsExactly(1, 4);
        assertThat(groups.get(2).rows()).containsExactly(3);
        assertThat(groups.get(1).identity()).isEqualTo("a");
        assertThat(groups.get(1).track()).isEqualTo("1");
        assertThat(groups.get(1).mediaIdArray()).isNull();
        assertThat(groups.get(1).size()).isEqualTo(2);
    }

    @Test
    void keepsMediaIdsPerRow() {
        List<TrackGroup> groups = TrackGroup.groupRows(ids("p/t/img1", "p/t/vid", "q/t/x", "p/t/vid"));
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).rows()).containsExactly(0, 1, 3);
        assertThat(groups.get(0).mediaIdArray()).containsExactly("img1", "vid", "vid");
    }

    @Test
    void rejectsMixedFormsNamingTheRow() {
        assertThatThrownBy(() -> TrackGroup.groupRows(ids("p/t/img1", "p/t", "p/t/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("'p/t'");
        assertThatThrownBy(() -> TrackGroup.groupRows(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gathersRowsAndPerRowValuesWithoutModifyingThem() {
        float[] matrix = {0f, 1f, 10f, 11f, 20f, 21f, 30f, 31f}; // [4, 2]
        float[] matrixCopy = matrix.clone();
        float[] quality = {0.1f, 0.2f, 0.3f, 0.4f};
        TrackGroup g = TrackGroup.groupRows(ids("a/1", "b/1", "a/1", "a/1")).get(0);
        assertThat(g.gatherRows(matrix, 2)).containsExactly(0f, 1f, 20f, 21f, 30f, 31f);
        assertThat(g.gatherValues(quality)).containsExactly(0.1f, 0.3f, 0.4f);
        assertThat(matrix).containsExactly(matrixCopy);

        assertThatThrownBy(() -> g.gatherRows(new float[] {1f, 2f, 3f, 4f}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2").hasMessageContaining("2 rows");
        assertThatThrownBy(() -> g.gatherRows(matrix, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 3");
        assertThatThrownBy(() -> g.gatherValues(new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2");
    }

    @Test
    void groupFeedsAnAggregatorEndToEnd() {
        float[] matrix = {1f, 0f, 9f, 9f, 0f, 1f, 1f, 1f}; // rows of track a/1: 0, 2, 3
        float[] quality = {1f, 100f, 2f, 3f};
        TrackGroup g = TrackGroup.groupRows(ids("a/1", "b/1", "a/1", "a/1")).get(0);
        float[] v = QanPlusPlus.builder().build().aggregate(g.gatherRows(matrix, 2), g.size(), 2, g.gatherValues(quality), null);
        // scores 1, 2, 3 → weights 0, 1/3, 2/3 over (1,0), (0,1), (1,1)
        TestSets.assertClose(v, new double[] {2.0 / 3, 1.0}, 1e-7);
    }
}
