package io.polyface.core.flops;

import io.polyface.core.arch.ArchSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FLOPs, parameters and weights of a spec, per node, per stage and in total, for one sample at the spec's
 * input size.
 *
 * @param spec the counted spec
 * @param layers one entry per node, in execution order
 */
public record CostReport(ArchSpec spec, List<LayerCost> layers) {

    /** Copies the list. */
    public CostReport {
        layers = List.copyOf(layers);
    }

    /**
     * @param convention the convention
     * @return total FLOPs under it
     */
    public long flops(Convention convention) {
        return layers.stream().mapToLong(l -> l.flops(convention)).sum();
    }

    /**
     * @param convention the convention
     * @return total FLOPs under it in units of 10⁹
     */
    public double gflops(Convention convention) {
        return flops(convention) / 1e9;
    }

    /** @return trainable parameters */
    public long params() {
        return layers.stream().mapToLong(LayerCost::params).sum();
    }

    /** @return conv and FC weights plus their biases */
    public long weights() {
        return layers.stream().mapToLong(LayerCost::weights).sum();
    }

    /** @return float32 size of the trainable parameters in bytes (4 per parameter) */
    public long paramBytes() {
        return 4 * params();
    }

    /**
     * @param convention the convention
     * @return FLOPs per top-level stage, in execution order
     */
    public Map<String, Long> flopsByStage(Convention convention) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (LayerCost l : layers) {
            if (!isRoot(l)) {
                m.merge(l.stage(), l.flops(convention), Long::sum);
            }
        }
        return m;
    }

    /** @return trainable parameters per top-level stage, in execution order */
    public Map<String, Long> paramsByStage() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (LayerCost l : layers) {
            if (!isRoot(l)) {
                m.merge(l.stage(), l.params(), Long::sum);
            }
        }
        return m;
    }

    /** The root sequential's own entry (cost 0) is not a stage. */
    private boolean isRoot(LayerCost l) {
        return l.name().equals(spec.root().name()) && l.kind().equals("sequential");
    }
}
