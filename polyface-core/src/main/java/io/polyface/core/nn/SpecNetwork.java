package io.polyface.core.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.reference.ReferenceForward;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL network built from an {@link ArchSpec} by {@link #builder()}: the root {@link Block}, the block of
 * every spec layer by name (for export, import and inspection), and the network's stochastic-depth random
 * source. Input {@code [N, C, H, W]} float32 as the spec's input convention says; output {@code [N, …]}, the
 * spec's output shape (or the embedding {@code [N, d]} for an inference network).
 *
 * <p>Loading this class quiets libtorch's C++ warnings that users cannot act on ({@link TorchLogLevel}).
 */
public final class SpecNetwork {

    static {
        TorchLogLevel.apply();
    }

    private final ArchSpec spec;
    private final Block block;
    private final Map<String, Block> layers;
    private final StochasticDepth stochasticDepth;

    SpecNetwork(ArchSpec spec, Block block, Map<String, Block> layers, StochasticDepth stochasticDepth) {
        this.spec = spec;
        this.block = block;
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        this.stochasticDepth = stochasticDepth;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the spec this network was built from */
    public ArchSpec spec() {
        return spec;
    }

    /** @return the root DJL block */
    public Block block() {
        return block;
    }

    /** @return the DJL block of every spec layer (not composites), by layer name, in execution order */
    public Map<String, Block> layers() {
        return layers;
    }

    /** @return the random source of stochastic-depth draws (reseed it per training step for reproducibility) */
    public StochasticDepth stochasticDepth() {
        return stochasticDepth;
    }

    /**
     * Initialises the parameters: conv and linear weights U(±√(3/fan_in)) (the spec's rule; DJL's Xavier with
     * uniform sampling, fan-in factor and magnitude 3), biases and BN β 0, BN γ 1, PReLU slopes 0.25.
     *
     * @param manager the manager that owns the parameters
     * @return this
     */
    public SpecNetwork initialize(NDManager manager) {
        block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 3f),
                Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(spec.input().withBatch(1)));
        return this;
    }

    /**
     * The current parameter values, for the double-precision {@link ReferenceForward} of this network's spec.
     *
     * @return a source reading {@code layer.parameter} (DJL names: {@code weight}, {@code gamma}, …) as float arrays,
     *     row-major in DJL's shape; it throws IllegalArgumentException naming the layer and parameter when the network
     *     has no such initialised parameter
     */
    public ReferenceForward.Parameters referenceParameters() {
        return (layer, name) -> {
            Block b = layers.get(layer);
            Parameter p = b == null ? null : b.getDirectParameters().get(name);
            if (p == null || !p.isInitialized()) {
                throw new IllegalArgumentException("network '" + spec.name() + "' has no initialised parameter '" + name
                        + "' in layer '" + layer + "'");
            }
            return p.getArray().toFloatArray();
        };
    }

    /**
     * The network to deploy on DJL: {@link ArchSpec#forInference()} of this spec with every batch norm folded into
     * the convolution or linear layer before it ({@link BatchNormFolding}), parameters computed from this network's
     * current ones and frozen. Its outputs equal this inference graph's within float32 rounding (the tests bound the
     * difference by 1e-5 of the largest output); it runs fastest on channels-last input ({@link MemoryFormats}).
     *
     * @param manager the manager that will own the folded parameters
     * @return the folded inference network, output {@code [N, d]}
     * @throws IllegalArgumentException if this network is not initialised
     */
    public SpecNetwork foldedForInference(NDManager manager) {
        return BatchNormFolding.foldForInference(this, manager);
    }

    /** @return the number of trainable parameter elements (those that require a gradient) */
    public long trainableParameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getShape().size();
            }
        }
        return n;
    }

    /** Builder. */
    public static final class Builder {
        private ArchSpec spec;
        private boolean inference;
        private ActivationTap tap;

        Builder() {}

        /**
         * @param spec the architecture (required)
         * @return this
         */
        public Builder setSpec(ArchSpec spec) {
            this.spec = spec;
            return this;
        }

        /**
         * @param inference build {@link ArchSpec#forInference()} (output = the matching embedding) instead of the
         *     full training graph
         * @return this
         */
        public Builder optInference(boolean inference) {
            this.inference = inference;
            return this;
        }

        /**
         * @param tap called with the input of every rectifier on each forward pass (see {@link ActivationTap});
         *     {@code null} for none (the default)
         * @return this
         */
        public Builder optActivationTap(ActivationTap tap) {
            this.tap = tap;
            return this;
        }

        /**
         * Builds the (uninitialised) network.
         *
         * @return the network
         * @throws IllegalArgumentException if no spec was set
         */
        public SpecNetwork build() {
            if (spec == null) {
                throw new IllegalArgumentException("SpecNetwork.builder(): setSpec(spec) is required");
            }
            ArchSpec s = inference ? spec.forInference() : spec;
            return new BlockFactory(s, tap).build();
        }
    }
}
