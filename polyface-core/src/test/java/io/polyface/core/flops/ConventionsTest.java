package io.polyface.core.flops;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.MaxPool;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each convention's per-layer rule on a hand-computed network (shared/spec/architectures.md §3). */
class ConventionsTest {

    @Test
    void perLayerRulesByHand() {
        // input [4, 10, 10]
        Conv2d conv = Conv2d.of("conv", 8, 3, 1, 1);                                  // -> [8,10,10]
        Conv2d dw = new Conv2d("dw", 8, 3, 3, 2, 2, 1, 1, 8, false, null);            // -> [8,5,5]
        Conv2d biased = new Conv2d("biased", 6, 1, 1, 1, 1, 0, 0, 2, true, null);     // -> [6,5,5]
        ArchSpec spec = new ArchSpec("hand", TensorShape.chw(4, 10, 10), "RGB", 0, 1, Sequential.of("net",
                Sequential.of("s1", conv, BatchNorm.of("bn", 1e-5), new PRelu("act")),
                Sequential.of("s2", dw, biased, new MaxPool("pool", 3, 2, 0, true)),       // pool -> [6,2,2]
                Sequential.of("s3", Residual.plain("res", Conv2d.of("rc", 6, 1, 1, 0), null, null),
                        new Resize("up", 4, 4), new Flatten("flat"), new Linear("fc", 3, false))),
                "fc", null);
        CostReport r = FlopsCounter.count(spec);
        long convLfr = (2L * 4 * 9 - 1) * 100 * 8;                 // 56,800
        long dwLfr = (2L * 8 * 9 - 1) * 25 * 8 / 8;                // floor division by groups: 3,575
        long biasedLfr = 2L * 8 * 1 * 25 * 6 / 2;                  // 1,200
        long rcLfr = (2L * 6 - 1) * 4 * 6;                         // 264
        long fcLfr = 2L * 96 * 3 - 3;                              // 573
        assertThat(r.flops(Convention.LFR)).isEqualTo(convLfr + dwLfr + biasedLfr + rcLfr + fcLfr);
        long macs = 4L * 9 * 100 * 8 + 1L * 9 * 25 * 8 + 4L * 25 * 6 + 6L * 4 * 6 + 96L * 3;
        assertThat(r.flops(Convention.MACS)).isEqualTo(macs);
        long full = macs
                + 150                 // conv bias adds (one per output element)
                + 2 * 800 + 800       // BN, PReLU on [8,10,10]
                + 9 * 24              // max-pool 3x3 per output element of [6,2,2]
                + 24                  // residual add
                + 4 * 96;             // bilinear resize per output element of [6,4,4]
        assertThat(r.flops(Convention.FULL)).isEqualTo(full);
        long params = 8 * 4 * 9 + 16 + 8 + 8 * 9 + (6 * 4 + 6) + 36 + 96 * 3;
        assertThat(r.params()).isEqualTo(params);
        assertThat(r.weights()).isEqualTo(params - 16 - 8);
        assertThat(r.flopsByStage(Convention.LFR)).containsOnlyKeys("s1", "s2", "s3");
        assertThat(r.flopsByStage(Convention.LFR).get("s2")).isEqualTo(dwLfr + biasedLfr);
    }

    @Test
    void conventionNames() {
        assertThat(Convention.parse("LFR")).isEqualTo(Convention.LFR);
        assertThat(Convention.parse("macs")).isEqualTo(Convention.MACS);
        assertThatThrownBy(() -> Convention.parse("gmacs")).hasMessageContaining("expected lfr, macs or full");
    }
}
