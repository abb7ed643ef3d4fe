package io.polyface.core.arch;

/**
 * PolyNet's higher-order residual forms (Zhang et al., "PolyNet", CVPR 2017, Sec. 3), as normative for
 * this project in {@code shared/spec/architectures.md}.
 */
public enum PolyKind {
    /** poly-N: I + F + F² + …, chained, the F's share every convolution weight except the final projection. */
    POLY,
    /** mpoly-N: I + F + G∘F + …, chained, independent functions. */
    MPOLY,
    /** N-way: I + F + G + …, independent functions in parallel. */
    WAY
}
