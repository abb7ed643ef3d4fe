package io.polyface.train.recipe;

/**
 * The loss scale {@code s} that a recipe's {@code "auto"} scale resolves to, from the number of training classes
 * {@code C}.
 *
 * <p>AdaCos (Zhang et al., "AdaCos: Adaptively Scaling Cosine Logits for Effectively Learning Deep Face
 * Representations", CVPR 2019, Section 4.1) derives the fixed scale {@code s̃ = √2·ln(C − 1)}: the smallest scale at
 * which the target-class probability can approach 1. The paper's ArcNegFace, like ArcFace (Deng et al., CVPR 2019,
 * from CASIA-WebFace's 10,575 identities up), uses {@code s = 64}. The rule:
 *
 * <pre>
 *   s(C) = √2·ln(C − 1)   for C &lt; 10,000      (C = 2 is taken as C = 3: ln 1 = 0 would leave no logit scale)
 *   s(C) = 64             for C ≥ 10,000      (the published setting, CASIA-WebFace's 10,575 identities and more)
 * </pre>
 *
 * <p>Measured on ORL (30 training identities; README, Training, "Defaults on small data"): AdaCos's 4.76 beat
 * 4·√2·ln 29 = 19.05 on every one of three seeds (the other settings equal). Between ORL's 30 and CASIA's 10,575
 * classes nothing was measured; the step at 10,000 is where the published setting starts.
 */
public final class ScaleRule {

    /** The scale of the paper (ArcNegFace, s = 64), used from {@link #PAPER_SCALE_FROM_CLASSES} classes. */
    public static final double PAPER_SCALE = 64;

    /** The class count from which the paper's scale applies (CASIA-WebFace, 10,575 identities, is trained at 64). */
    public static final int PAPER_SCALE_FROM_CLASSES = 10_000;

    private ScaleRule() {}

    /**
     * AdaCos's fixed scale (Zhang et al., CVPR 2019, Section 4.1).
     *
     * @param classes the number of classes {@code C}, at least 2
     * @return {@code √2·ln(max(C, 3) − 1)}
     * @throws IllegalArgumentException if {@code classes < 2}
     */
    public static double adaCos(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2 for a loss scale, got " + classes);
        }
        return Math.sqrt(2) * Math.log(Math.max(classes, 3) - 1);
    }

    /**
     * The {@code "auto"} scale of a recipe trained on {@code classes} classes.
     *
     * @param classes the number of training classes {@code C}, at least 2
     * @return {@link #adaCos}{@code (C)} below {@link #PAPER_SCALE_FROM_CLASSES} classes, else {@link #PAPER_SCALE}
     * @throws IllegalArgumentException if {@code classes < 2}
     */
    public static double forClasses(int classes) {
        double adaCos = adaCos(classes);
        return classes >= PAPER_SCALE_FROM_CLASSES ? PAPER_SCALE : adaCos;
    }
}
