package io.polyface.core.arch.preset;

import io.polyface.core.arch.PolyKind;

/**
 * The residual form of a PolyFace stage's blocks: first-order (Inception-ResNet, the paper's released
 * models) or one of PolyNet's higher-order modules (Zhang et al. CVPR 2017; semantics in
 * {@code shared/spec/architectures.md} §1).
 */
public enum BlockType {
    /** y = ReLU(x + s·F(x)) with stochastic depth. */
    FIRST_ORDER("first-order", null, 1),
    /** poly-2: I + F + F∘F (shared convolutions). */
    POLY_2("poly-2", PolyKind.POLY, 2),
    /** mpoly-2: I + F + G∘F. */
    MPOLY_2("mpoly-2", PolyKind.MPOLY, 2),
    /** 2-way: I + F + G. */
    WAY_2("2-way", PolyKind.WAY, 2),
    /** poly-3: I + F + F² + F³. */
    POLY_3("poly-3", PolyKind.POLY, 3),
    /** mpoly-3: I + F + G∘F + H∘G∘F. */
    MPOLY_3("mpoly-3", PolyKind.MPOLY, 3),
    /** 3-way: I + F + G + H. */
    WAY_3("3-way", PolyKind.WAY, 3);

    private final String id;
    private final PolyKind kind;
    private final int order;

    BlockType(String id, PolyKind kind, int order) {
        this.id = id;
        this.kind = kind;
        this.order = order;
    }

    /** @return the name used in settings and on the command line */
    public String id() {
        return id;
    }

    /** @return the PolyNet kind, or {@code null} for first-order */
    public PolyKind kind() {
        return kind;
    }

    /** @return the number of residual functions (1 for first-order) */
    public int order() {
        return order;
    }

    /**
     * @param id e.g. {@code first-order}, {@code poly-2}, {@code 2-way}
     * @return the block type
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static BlockType parse(String id) {
        for (BlockType t : values()) {
            if (t.id.equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown block type '" + id
                + "'; expected first-order, poly-2, mpoly-2, 2-way, poly-3, mpoly-3 or 3-way");
    }
}
