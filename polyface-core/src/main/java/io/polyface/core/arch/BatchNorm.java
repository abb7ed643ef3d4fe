package io.polyface.core.arch;

/**
 * Batch normalisation over the channel axis of a {@code [C, H, W]} map (BatchNorm2d) or a {@code [F]}
 * vector (BatchNorm1d). Training uses batch statistics; inference the running statistics.
 *
 * @param name unique name
 * @param eps ε added to the variance
 * @param momentum running-statistics momentum in PyTorch's convention (new = (1−m)·old + m·batch)
 * @param affine whether there are trainable γ (scale) and β (shift) per channel
 */
public record BatchNorm(String name, double eps, double momentum, boolean affine) implements Node {

    /** Validates the settings. */
    public BatchNorm {
        Node.requireName(name, "batchnorm");
        if (!(eps > 0) || !(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchnorm '" + name + "': eps must be > 0 and momentum in (0, 1], got eps="
                    + eps + " momentum=" + momentum);
        }
    }

    /**
     * @param name unique name
     * @param eps ε
     * @return an affine BN with PyTorch's default momentum 0.1
     */
    public static BatchNorm of(String name, double eps) {
        return new BatchNorm(name, eps, 0.1, true);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitBatchNorm(this);
    }
}
