package io.polyface.core.arch;

/**
 * Per-channel PReLU (He et al. 2015): y = x for x &gt; 0, a_c·x otherwise, one trainable slope a_c per
 * channel (initialised to 0.25 as in PyTorch).
 *
 * @param name unique name
 */
public record PRelu(String name) implements Node {
    /** Validates the name. */
    public PRelu {
        Node.requireName(name, "prelu");
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitPRelu(this);
    }
}
