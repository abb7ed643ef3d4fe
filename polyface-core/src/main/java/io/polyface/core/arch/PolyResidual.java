package io.polyface.core.arch;

import java.util.List;

/**
 * A higher-order PolyNet module over N residual functions F₁…F_N (each mapping the input shape to itself).
 *
 * <p>Chained kinds ({@link PolyKind#POLY}, {@link PolyKind#MPOLY}): u₁ = F₁(x), u_k = F_k(ReLU(u_{k−1})).
 * {@link PolyKind#WAY}: u_k = F_k(x). Output: {@code ReLU(x + scale·Σ u_k)} (PolyNet's public port, as the
 * spec makes normative). Stochastic depth drops the whole sum with one draw, exactly as {@link Residual}.
 * For POLY, weight sharing is expressed by {@link Conv2d#sharedWith()} in F₂…F_N.
 *
 * @param name unique name
 * @param kind the form
 * @param functions F₁…F_N, N ≥ 2
 * @param scale residual scale s
 * @param keepProb stochastic-depth keep probability in (0, 1]
 */
public record PolyResidual(String name, PolyKind kind, List<Node> functions, double scale, double keepProb) implements Node {

    /** Validates and copies. */
    public PolyResidual {
        Node.requireName(name, "poly_residual");
        if (kind == null || functions == null || functions.size() < 2) {
            throw new IllegalArgumentException("poly_residual '" + name + "' needs a kind and at least two functions");
        }
        if (!(keepProb > 0 && keepProb <= 1) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("poly_residual '" + name + "': keepProb must be in (0, 1] and scale finite");
        }
        functions = List.copyOf(functions);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitPolyResidual(this);
    }
}
