package io.polyface.core.arch;

/**
 * Global average pooling: {@code [C, H, W] → [C, 1, 1]}.
 *
 * @param name unique name
 */
public record GlobalAvgPool(String name) implements Node {
    /** Validates the name. */
    public GlobalAvgPool {
        Node.requireName(name, "global_avg_pool");
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitGlobalAvgPool(this);
    }
}
