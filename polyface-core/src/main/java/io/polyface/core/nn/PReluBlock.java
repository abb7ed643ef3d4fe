package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
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
 * {@code [N, C]}.
 *
 * <p>Computed by PyTorch's fused kernel ({@code torch.prelu}, one kernel forward and one backward; reached through
 * a one-line TorchScript function, {@link FusedPRelu}, since DJL's PyTorch engine does not expose it): bit-identical
 * to the definition, gradients {@code dy/dx = 1} where {@code x > 0}, else {@code a_c} (also at {@code x = 0}), and
 * {@code dy/da_c = x} where {@code x <= 0}. With the system property {@code polyface.prelu=composed} it is composed
 * of DJL operations instead: {@code x + (a_c − 1)·min(x, 0)} with {@code min(x, 0)} as a clamp (three element-wise
 * ops, the same function and gradients; rounding can differ in the last bit where {@code x < 0}). Measured on
 * {@code mobilefacenet-y1}, batch 32, forward and backward: see the README's performance section.
 */
public final class PReluBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Whether the fused kernel is used (system property {@code polyface.prelu}: {@code fused}, the default, or {@code composed}). */
    static final boolean FUSED = !"composed".equals(System.getProperty("polyface.prelu", "fused"));

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
        return new NDList(FUSED ? FusedPRelu.apply(x, a) : composed(x, a));
    }

    /**
     * {@code x + (a_c − 1)·min(x, 0)}, three element-wise ops (DJL operations only), intermediates closed at once.
     *
     * @param x activations {@code [N, C, ...]}
     * @param a slopes {@code [C]}
     * @return the PReLU of {@code x}, in {@code x}'s manager
     */
    static NDArray composed(NDArray x, NDArray a) {
        long[] broadcast = new long[x.getShape().dimension()];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[1] = a.getShape().get(0);
        NDArray aMinusOne = a.sub(1f);
        aMinusOne.attach(x.getManager()); // a result of the parameter belongs to its manager: release it with the input's
        NDArray slopesMinusOne = aMinusOne.reshape(new Shape(broadcast));
        NDArray negativePart = x.clip(Float.NEGATIVE_INFINITY, 0f);
        NDArray scaled = negativePart.mul(slopesMinusOne);
        NDArray y = x.add(scaled);
        // intermediates are released at once (autograd keeps what backward needs), not at the batch's end
        scaled.close();
        negativePart.close();
        slopesMinusOne.close();
        aMinusOne.close();
        return y;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
