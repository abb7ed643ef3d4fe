package io.polyface.core.arch;

/**
 * A residual unit with optional stochastic depth (Huang et al. 2016) and residual scaling
 * (Inception-ResNet, Szegedy et al. 2017).
 *
 * <p>Training: one Bernoulli draw per forward pass with keep probability p; kept →
 * {@code y = post(shortcut(x) + scale·body(x))}, dropped → {@code y = post(shortcut(x))}. Inference:
 * {@code y = post(shortcut(x) + scale·p·body(x))}. With p = 1 both are the plain residual unit.
 *
 * @param name unique name
 * @param body the residual function F (output shape = shortcut output shape)
 * @param shortcut {@code null} for identity, or a projection (e.g. conv 1×1/s + BN)
 * @param scale residual scale (0.3 in Efficient PolyFace, 1 in ResNets)
 * @param keepProb stochastic-depth keep probability in (0, 1]
 * @param post {@code null}, or the activation after the add ({@link Relu} or {@link PRelu})
 */
public record Residual(String name, Node body, Node shortcut, double scale, double keepProb, Node post) implements Node {

    /** Validates the settings. */
    public Residual {
        Node.requireName(name, "residual");
        if (body == null) {
            throw new IllegalArgumentException("residual '" + name + "' needs a body");
        }
        if (!(keepProb > 0 && keepProb <= 1) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("residual '" + name + "': keepProb must be in (0, 1] and scale finite, got keepProb="
                    + keepProb + " scale=" + scale);
        }
        if (post != null && !(post instanceof Relu || post instanceof PRelu)) {
            throw new IllegalArgumentException("residual '" + name + "': post must be relu or prelu, got " + post.getClass().getSimpleName());
        }
    }

    /**
     * A plain residual unit: scale 1, no stochastic depth.
     *
     * @param name unique name
     * @param body F
     * @param shortcut {@code null} for identity, or a projection
     * @param post {@code null} or the activation after the add
     * @return the unit
     */
    public static Residual plain(String name, Node body, Node shortcut, Node post) {
        return new Residual(name, body, shortcut, 1.0, 1.0, post);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitResidual(this);
    }
}
