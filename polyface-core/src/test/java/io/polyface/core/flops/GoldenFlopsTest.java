package io.polyface.core.flops;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.PolyFace;
import io.polyface.core.arch.preset.Presets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden counts of {@code shared/spec/architectures.md} §3, every integer of the table exactly, and the
 * closed-form PolyFace formula over a grid of depths.
 */
class GoldenFlopsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // preset, LFR-rule FLOPs, MACs, weights (spec table)
        "efficient-polyface, 28103954320, 14066411104, 119614048",
        "polyface,           23914998752, 11969860704, 103833696",
        "polynet-depth,      16534340992,  8275191904,  70722656",
        "iresnet18,           5216096256,  2609954816,  24008896",
        "iresnet34,           8914217984,  4459642880,  34109632",
        "iresnet50,          12612791296,  6309330944,  43546816",
        "iresnet100,         24169929728, 12089606144,  65075392",
        "iresnet200,         46821634048, 23418945536, 118675648",
        "mobilefacenet-y1,     439821056,   220965376,    976128",
        "mobilefacenet-y2,     933336950,   468825088,   1942976",
        "mobilefacenet-tiny,   117145792,    59102464,    275136",
        "qan-quality,           78832863,    39651632,    121160",
    })
    void specTable(String preset, long lfr, long macs, long weights) {
        CostReport r = FlopsCounter.count(Presets.get(preset));
        assertThat(r.flops(Convention.LFR)).as("LFR-rule FLOPs of " + preset).isEqualTo(lfr);
        assertThat(r.flops(Convention.MACS)).as("MACs of " + preset).isEqualTo(macs);
        assertThat(r.weights()).as("conv/FC weights of " + preset).isEqualTo(weights);
    }

    /** FLOPs(nA,nB,nC) = 5,204,166,752 + 198,859,536·nA + 394,951,648·nB + 144,254,592·nC at R 235, emb 256. */
    @Test
    void polyfaceClosedFormOverDepthGrid() {
        int[] grid = {1, 2, 5, 10, 23, 40};
        for (int a : grid) {
            for (int b : grid) {
                for (int c : grid) {
                    ArchSpec spec = PolyFace.builder().optDepth(a, b, c).build();
                    long expected = 5_204_166_752L + 198_859_536L * a + 394_951_648L * b + 144_254_592L * c;
                    assertThat(FlopsCounter.count(spec).flops(Convention.LFR)).as("PolyFace %d/%d/%d", a, b, c).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void paperEndpointAt267Costs37Point38Gflops() {
        ArchSpec spec = Presets.get("efficient-polyface", ArchOverrides.NONE.withResolution(267));
        assertThat(FlopsCounter.count(spec).gflops(Convention.LFR)).isBetween(37.375, 37.385);
    }

    @Test
    void polyfacePlusQualityNetMatchesThePaperSum() {
        long sum = FlopsCounter.count(Presets.get("polyface")).flops(Convention.LFR)
                + FlopsCounter.count(Presets.get("qan-quality")).flops(Convention.LFR);
        assertThat(sum).isEqualTo(23_993_831_615L);
    }
}
