package io.polyface.core.arch;

import java.util.List;

/**
 * Nodes applied one after the other. A top-level sequential's children are the network's stages in
 * per-stage reports.
 *
 * @param name unique name
 * @param nodes the nodes in order (at least one)
 */
public record Sequential(String name, List<Node> nodes) implements Node {
    /** Validates and copies the list. */
    public Sequential {
        Node.requireName(name, "sequential");
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("sequential '" + name + "' needs at least one node");
        }
        nodes = List.copyOf(nodes);
    }

    /**
     * @param name unique name
     * @param nodes the nodes in order
     * @return the sequential
     */
    public static Sequential of(String name, Node... nodes) {
        return new Sequential(name, List.of(nodes));
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitSequential(this);
    }
}
