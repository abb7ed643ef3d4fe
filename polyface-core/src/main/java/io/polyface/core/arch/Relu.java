package io.polyface.core.arch;

/**
 * ReLU, max(x, 0).
 *
 * @param name unique name
 */
public record Relu(String name) implements Node {
    /** Validates the name. */
    public Relu {
        Node.requireName(name, "relu");
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitRelu(this);
    }
}
