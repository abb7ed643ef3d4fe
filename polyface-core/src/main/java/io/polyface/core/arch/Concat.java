package io.polyface.core.arch;

import java.util.List;

/**
 * Parallel branches on the same input, concatenated along the channel axis. All branch outputs must
 * share H and W.
 *
 * @param name unique name
 * @param branches the branches (at least two)
 */
public record Concat(String name, List<Node> branches) implements Node {
    /** Validates and copies the list. */
    public Concat {
        Node.requireName(name, "concat");
        if (branches == null || branches.size() < 2) {
            throw new IllegalArgumentException("concat '" + name + "' needs at least two branches");
        }
        branches = List.copyOf(branches);
    }

    /**
     * @param name unique name
     * @param branches the branches
     * @return the concat
     */
    public static Concat of(String name, Node... branches) {
        return new Concat(name, List.of(branches));
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitConcat(this);
    }
}
