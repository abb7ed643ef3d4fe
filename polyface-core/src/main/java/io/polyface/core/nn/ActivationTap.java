package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * Observes the input of every rectifier of a network on each forward pass, the way a PyTorch forward hook
 * on {@code nn.ReLU} modules does (used by zero-cost architecture scores such as NASWOT, Mellor et al.,
 * ICML 2021, §3). Called for every {@link io.polyface.core.arch.Relu} and {@link io.polyface.core.arch.PRelu}
 * layer of the spec and for the rectifiers inside PolyNet blocks ({@code <block>.relu<k>} between chained
 * functions, {@code <block>.relu} after the sum). Installed with
 * {@link SpecNetwork.Builder#optActivationTap(ActivationTap)}; for analysis only, not for training.
 */
@FunctionalInterface
public interface ActivationTap {

    /**
     * @param layer the rectifier's name (a spec layer name, or a PolyNet block name plus {@code .relu}/{@code .relu<k>})
     * @param input its input, {@code [N, C, H, W]} or {@code [N, F]}; owned by the forward pass, do not close it
     */
    void preActivation(String layer, NDArray input);
}
