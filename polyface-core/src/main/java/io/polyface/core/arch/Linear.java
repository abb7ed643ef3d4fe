package io.polyface.core.arch;

/**
 * Fully connected layer {@code [F] → [out]}, y = W·x (+ b).
 *
 * @param name unique name
 * @param outFeatures output features
 * @param bias whether the layer has a bias
 */
public record Linear(String name, int outFeatures, boolean bias) implements Node {
    /** Validates the settings. */
    public Linear {
        Node.requireName(name, "linear");
        if (outFeatures <= 0) {
            throw new IllegalArgumentException("linear '" + name + "': outFeatures must be > 0, got " + outFeatures);
        }
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitLinear(this);
    }
}
