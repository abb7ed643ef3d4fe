package io.polyface.core.search;

import io.polyface.core.flops.Convention;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The prior against a hand computation of EfficientNet's compound coefficients (Tan &amp; Le 2019, Eq. 3). */
class CompoundScalingPriorTest {

    private static Candidate candidate(SearchSpace space, Map<String, Object> values) {
        int[] index = space.indexOf(values);
        return new Candidate(space, java.util.Arrays.stream(index).boxed().toList(), new CostModel(space).cost(index));
    }

    private static Map<String, Object> polyface(int a, int b, int c, int r, String block, double w, int emb) {
        return Map.of("depth_a", a, "depth_b", b, "depth_c", c, "resolution", r,
                "block_a", block, "block_b", block, "block_c", block, "width", w, "embedding", emb);
    }

    @Test
    void paperEndpointInThePaperSpace() {
        SearchSpace space = SearchSpaces.polyfacePaper();
        Candidate paper = candidate(space, polyface(23, 38, 23, 235, "first-order", 1.0, 256));
        CompoundScalingPrior prior = CompoundScalingPrior.builder().build();
        // reference 10/20/10 at R 235; width, block type and embedding are fixed in this space, so they do not count
        double pa = Math.log(23 / 10.0) / Math.log(1.2);
        double pb = Math.log(38 / 20.0) / Math.log(1.2);
        double[] phi = {pa, pb, pa, 0.0};
        double mean = (pa + pb + pa) / 4;
        double var = 0;
        for (double p : phi) {
            var += (p - mean) * (p - mean) / 4;
        }
        assertThat(prior.coefficients(paper)).containsOnlyKeys("depth_a", "depth_b", "depth_c", "resolution");
        assertThat(prior.coefficients(paper).get("depth_b")).isCloseTo(pb, within(1e-12));
        assertThat(prior.imbalance(paper)).isCloseTo(Math.sqrt(var), within(1e-12));
        SearchContext ctx = new SearchContext(space, new FlopsBudget(Convention.LFR, 30_000_000_000L), 0);
        assertThat(prior.score(paper, ctx)).isCloseTo(28_103_954_320.0 / 30e9 - 0.01 * Math.sqrt(var), within(1e-12));
    }

    @Test
    void widthAndResolutionUseTheirOwnBases() {
        SearchSpace space = SearchSpaces.polyface();
        Candidate c = candidate(space, polyface(5, 10, 5, 139, "poly-2", 0.5, 128));
        CompoundScalingPrior prior = CompoundScalingPrior.builder().optExponents(1.3, 1.2, 1.1).optImbalanceWeight(0.5).build();
        Map<String, Double> phi = prior.coefficients(c);
        assertThat(phi.keySet()).containsExactly("depth_a", "depth_b", "depth_c", "resolution", "width");
        assertThat(phi.get("depth_a")).isCloseTo(Math.log(0.5) / Math.log(1.3), within(1e-12));
        assertThat(phi.get("resolution")).isCloseTo(Math.log(139 / 235.0) / Math.log(1.1), within(1e-12));
        assertThat(phi.get("width")).isCloseTo(Math.log(0.5) / Math.log(1.2), within(1e-12));
        double mean = phi.values().stream().mapToDouble(Double::doubleValue).sum() / 5;
        double ss = 0;
        for (double p : phi.values()) {
            ss += (p - mean) * (p - mean);
        }
        SearchContext ctx = new SearchContext(space, new FlopsBudget(Convention.MACS, 5_000_000_000L), 0);
        assertThat(prior.score(c, ctx)).isCloseTo(c.cost().macs() / 5e9 - 0.5 * Math.sqrt(ss / 5), within(1e-12));
        assertThat(prior.provenance()).containsEntry("alpha", 1.3).containsEntry("imbalance_weight", 0.5).containsEntry("id", "prior");
    }

    @Test
    void aBalancedCandidateHasNoImbalance() {
        // scale every stage by 2 (φ = ln 2 / ln 1.2 each) in a space where only depth varies
        SearchSpace space = SearchSpaces.polyfacePaper().fix("resolution", 235);
        Candidate c = candidate(space, polyface(20, 40, 20, 235, "first-order", 1.0, 256));
        assertThat(CompoundScalingPrior.builder().build().imbalance(c)).isCloseTo(0.0, within(1e-12));
        assertThat(CompoundScalingPrior.builder().build().coefficients(c).values())
                .allSatisfy(p -> assertThat(p).isCloseTo(Math.log(2) / Math.log(1.2), within(1e-12)));
        assertThat(List.copyOf(CompoundScalingPrior.builder().build().coefficients(c).keySet())).doesNotContain("resolution");
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> CompoundScalingPrior.builder().optExponents(1.0, 1.1, 1.15).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 1");
        assertThatThrownBy(() -> CompoundScalingPrior.builder().optImbalanceWeight(-1).build()).hasMessageContaining(">= 0");
    }
}
