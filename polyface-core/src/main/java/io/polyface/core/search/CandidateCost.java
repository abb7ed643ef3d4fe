package io.polyface.core.search;

import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.flops.LayerCost;

/**
 * What a candidate costs, for one image at the spec's input size (the model's own crop and resize included,
 * as {@link io.polyface.core.flops.FlopsCounter} counts them).
 *
 * @param lfrFlops FLOPs under {@link Convention#LFR}
 * @param macs multiply-accumulates ({@link Convention#MACS})
 * @param fullFlops FLOPs under {@link Convention#FULL}
 * @param params trainable parameters (conv/FC weights and biases, BN affine, PReLU slopes)
 * @param bnStatistics BN running means and variances (2 per BN channel): stored in a model file, not trained
 */
public record CandidateCost(long lfrFlops, long macs, long fullFlops, long params, long bnStatistics) {

    /**
     * @param report a counter report
     * @return its totals
     */
    public static CandidateCost of(CostReport report) {
        long stats = 0;
        for (LayerCost l : report.layers()) {
            if (l.kind().equals("batchnorm")) {
                stats += 2L * l.input().channels();
            }
        }
        return new CandidateCost(report.flops(Convention.LFR), report.flops(Convention.MACS), report.flops(Convention.FULL),
                report.params(), stats);
    }

    /**
     * @param convention the convention
     * @return FLOPs under it
     */
    public long flops(Convention convention) {
        return switch (convention) {
            case LFR -> lfrFlops;
            case MACS -> macs;
            case FULL -> fullFlops;
        };
    }

    /**
     * The float32 model-file size: 4 bytes per stored value (trainable parameters and BN running statistics),
     * without any container overhead.
     *
     * @return bytes
     */
    public long modelBytes() {
        return 4 * (params + bnStatistics);
    }

    CandidateCost plus(CandidateCost o, long times) {
        return new CandidateCost(lfrFlops + times * o.lfrFlops, macs + times * o.macs, fullFlops + times * o.fullFlops,
                params + times * o.params, bnStatistics + times * o.bnStatistics);
    }

    CandidateCost minus(CandidateCost o) {
        return new CandidateCost(lfrFlops - o.lfrFlops, macs - o.macs, fullFlops - o.fullFlops, params - o.params,
                bnStatistics - o.bnStatistics);
    }
}
