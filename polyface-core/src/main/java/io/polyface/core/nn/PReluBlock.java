package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Per-channel PReLU (He et al., ICCV 2015, Eq. 1) that runs on the PyTorch engine (DJL's built-in PReLU
 * does not): {@code y = x} where {@code x > 0}, else {@code a_c·x}, with one trainable slope per channel
 * (parameter {@code alpha}, shape {@code [C]}, initialised to 0.25). Works on {@code [N, C, H, W]} and
 * {@code [N, C]}. Exact for any slope value (composed as where(x &gt; 0, x, a·x): three element-wise ops).
 */
public final class PReluBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter alpha;
    private final int channels;
    private String tapName;
    private ActivationTap tap;

    /**
     * @param channels C, the number of slopes
     */
    public PReluBlock(int channels) {
        super(VERSION);
        this.channels = channels;
        this.alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(channels))
                .optInitializer(new ConstantInitializer(0.25f))
                .build());
    }

    /** Installs an activation tap (by the block factory, before the first forward pass). */
    void tap(String name, ActivationTap activationTap) {
        this.tapName = name;
        this.tap = activationTap;
    }

    /** @return the slope parameter, shape {@code [C]} */
    public Parameter alpha() {
        return alpha;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (tap != null) {
            tap.preActivation(tapName, x);
        }
        NDArray a = ps.getValue(alpha, x.getDevice(), training);
        long[] broadcast = new long[x.getShape().dimension()];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[1] = channels;
        NDArray slopes = a.reshape(new Shape(broadcast));
        slopes.attach(x.getManager()); // a view result belongs to the parameter's manager: release it with the input's
        NDArray negative = x.mul(slopes);
        return new NDList(NDArrays.where(x.gt(0), x, negative));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
