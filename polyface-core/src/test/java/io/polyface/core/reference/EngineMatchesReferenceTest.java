package io.polyface.core.reference;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.nn.EngineCheck;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 1: the DJL forward pass of every layer type — MobileFaceNet, Efficient PolyFace (crop, resize, pixel
 * scale, ceil-mode max-pool, concat, rectangular kernels, residual and poly-2 blocks), the quality net — equals the
 * double-precision reference computed from the layer definitions, at batch 1, 2, 3 and 7, NCHW and channels-last, on
 * whatever processor runs the suite. On the AMD EPYC of the issue DJL produced NaN and percent-level errors for
 * Efficient PolyFace at batch ≥ 2; this test names the batch, layout and first disagreeing stage of such a failure.
 */
class EngineMatchesReferenceTest {

    static Stream<Named<ArchSpec>> networks() {
        return EngineCheck.networks().stream().map(s -> Named.of(s.name() + " " + s.settings().getOrDefault("block_types", ""), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void djlEqualsTheDoublePrecisionReference(ArchSpec spec) {
        List<EngineCheck.Case> cases = EngineCheck.check(spec, new int[] {1, 2, 3, 7}, 3);
        for (EngineCheck.Case c : cases) {
            System.out.printf("%s batch %d %s: relative L2 %.3g%n", c.network(), c.batch(), c.channelsLast() ? "NHWC" : "NCHW", c.relativeL2());
        }
        assertThat(cases).hasSize(8).allSatisfy(c -> assertThat(c.passed())
                .as("%s batch %d %s: relative L2 %.3g, first disagreeing stage %s", c.network(), c.batch(),
                        c.channelsLast() ? "NHWC" : "NCHW", c.relativeL2(), c.firstBadStage())
                .isTrue());
    }
}
