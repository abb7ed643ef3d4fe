package io.polyface.core.arch;

/**
 * Flattens {@code [C, H, W]} to {@code [C·H·W]} in C-major (row-major NCHW) order.
 *
 * @param name unique name
 */
public record Flatten(String name) implements Node {
    /** Validates the name. */
    public Flatten {
        Node.requireName(name, "flatten");
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitFlatten(this);
    }
}
