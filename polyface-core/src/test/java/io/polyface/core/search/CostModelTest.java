package io.polyface.core.search;

import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The affine cost model equals an independent full count of the built spec, point by point. */
class CostModelTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polyface", "polyface-paper", "mobilefacenet"})
    void equalsTheCounterOnRandomPoints(String name) {
        SearchSpace space = SearchSpaces.get(name);
        CostModel model = new CostModel(space);
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 25; n++) {
            int[] index = new int[space.dimensions().size()];
            for (int d = 0; d < index.length; d++) {
                index[d] = random.nextInt(space.dimensions().get(d).size());
            }
            CandidateCost expected = CandidateCost.of(FlopsCounter.count(space.build(index, "recount")));
            assertThat(model.cost(index)).as("%s %s", name, space.values(index)).isEqualTo(expected);
        }
    }

    /** The spec's closed form for PolyFace at R 235, emb 256: 5,204,166,752 + 198,859,536·nA + 394,951,648·nB + 144,254,592·nC. */
    @Test
    void reproducesTheClosedFormOfTheSpec() {
        SearchSpace space = SearchSpaces.polyfacePaper();
        CostModel model = new CostModel(space);
        int r = space.dimension("resolution").indexOf(235);
        for (int a = 1; a <= 40; a += 3) {
            for (int b = 1; b <= 40; b += 7) {
                for (int c = 1; c <= 40; c += 13) {
                    long expected = 5_204_166_752L + 198_859_536L * a + 394_951_648L * b + 144_254_592L * c;
                    assertThat(model.cost(new int[] {a - 1, b - 1, c - 1, r, 0, 0, 0, 0, 0}).flops(Convention.LFR)).isEqualTo(expected);
                }
            }
        }
        assertThat(model.cachedCombinations()).isEqualTo(1);
    }

    @Test
    void modelSizeCountsParametersAndBnStatistics() {
        SearchSpace space = SearchSpaces.mobileFaceNet();
        int[] y1 = space.indexOf(java.util.Map.of("blocks_1", 1, "blocks_2", 4, "blocks_3", 6, "blocks_4", 2, "expansion", 2,
                "width", 1.0, "embedding", 128));
        CandidateCost c = new CostModel(space).cost(y1);
        assertThat(c.lfrFlops()).isEqualTo(439_821_056L); // spec table, mobilefacenet-y1
        assertThat(c.macs()).isEqualTo(220_965_376L);
        long bnChannels = FlopsCounter.count(space.build(y1, "y1")).layers().stream()
                .filter(l -> l.kind().equals("batchnorm")).mapToLong(l -> l.input().channels()).sum();
        assertThat(c.bnStatistics()).isEqualTo(2 * bnChannels);
        assertThat(c.modelBytes()).isEqualTo(4 * (c.params() + 2 * bnChannels));
    }

    @Test
    void invalidPointsAreRejectedByBuildingTheSpec() {
        String json = SearchSpaces.JSON.toPrettyJson(SearchSpaces.polyfacePaper()).replace("\"values\" : [ 75, 76,", "\"values\" : [ 74, 76,");
        SearchSpace space = SearchSpaces.JSON.fromJson(json);
        CostModel model = new CostModel(space);
        assertThatThrownBy(() -> model.cost(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolution 74 is not valid");
        assertThat(model.cost(new int[] {0, 0, 0, 1, 0, 0, 0, 0, 0}).lfrFlops()).isPositive();
    }
}
