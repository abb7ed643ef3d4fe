package io.polyface.core.flops;

import io.polyface.core.arch.TensorShape;

/**
 * The cost of one node of a spec for one sample, under all three conventions. Composite nodes carry only
 * their own operations (adds, scales, the activations they imply); their children have their own entries.
 *
 * @param name node name
 * @param kind node kind as in JSON ({@code conv2d}, {@code batchnorm}, …)
 * @param stage the top-level stage containing the node
 * @param input per-sample input shape
 * @param output per-sample output shape
 * @param lfrFlops FLOPs under {@link Convention#LFR}
 * @param macs multiply-accumulates ({@link Convention#MACS})
 * @param fullFlops FLOPs under {@link Convention#FULL}
 * @param params trainable parameters owned by the node (conv/linear weights and biases, BN γ/β when affine,
 *     PReLU slopes; BN running statistics and shared weights excluded)
 * @param weights conv and FC weights plus their biases (the spec's "weights" column; no BN/PReLU)
 */
public record LayerCost(String name, String kind, String stage, TensorShape input, TensorShape output,
                        long lfrFlops, long macs, long fullFlops, long params, long weights) {

    /**
     * @param convention the convention
     * @return this node's FLOPs under it
     */
    public long flops(Convention convention) {
        return switch (convention) {
            case LFR -> lfrFlops;
            case MACS -> macs;
            case FULL -> fullFlops;
        };
    }
}
