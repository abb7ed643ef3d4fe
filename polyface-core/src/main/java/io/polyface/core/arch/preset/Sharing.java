package io.polyface.core.arch.preset;

import io.polyface.core.arch.Concat;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.Sequential;

import java.util.ArrayList;
import java.util.List;

/** Rewrites a residual function so that its convolutions reuse the weights of a structurally identical one. */
final class Sharing {

    private Sharing() {}

    /**
     * @param copy the function F_k (same structure as {@code owner})
     * @param owner F₁
     * @param exceptConv the name of the copy's convolution that keeps its own weights (the final projection)
     * @return {@code copy} with every other convolution marked as sharing the matching convolution of {@code owner}
     */
    static Node shareConvs(Node copy, Node owner, String exceptConv) {
        if (copy instanceof Conv2d c) {
            return c.name().equals(exceptConv) ? c : c.sharing(c.name(), ((Conv2d) owner).name());
        }
        if (copy instanceof Sequential s) {
            return new Sequential(s.name(), zip(s.nodes(), ((Sequential) owner).nodes(), exceptConv));
        }
        if (copy instanceof Concat c) {
            return new Concat(c.name(), zip(c.branches(), ((Concat) owner).branches(), exceptConv));
        }
        return copy;
    }

    private static List<Node> zip(List<Node> copies, List<Node> owners, String exceptConv) {
        List<Node> out = new ArrayList<>(copies.size());
        for (int i = 0; i < copies.size(); i++) {
            out.add(shareConvs(copies.get(i), owners.get(i), exceptConv));
        }
        return out;
    }
}
