package io.polyface.core.arch;

/**
 * Dropout (training only; identity at inference).
 *
 * @param name unique name
 * @param rate the probability of dropping an element, in [0, 1)
 */
public record Dropout(String name, double rate) implements Node {
    /** Validates the rate. */
    public Dropout {
        Node.requireName(name, "dropout");
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout '" + name + "': rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitDropout(this);
    }
}
