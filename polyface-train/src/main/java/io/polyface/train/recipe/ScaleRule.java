package io.polyface.train.recipe;

/**
 * The loss scale {@code s} that a recipe's {@code "auto"} scale resolves to, from the number of training classes
 * {@code C}.
 *
 * <p>AdaCos (Zhang et al., "AdaCos: Adaptively Scaling Cosine Logits for Effectively Learning Deep Face
 * Representations", CVPR 2019, Section 4.1) derives the fixed scale {@code s̃ = √2·ln(C − 1)} for a cosine softmax
 * without margin: the smallest scale at which the target-class probability can approach 1. A margin loss lowers the
 * target logit, and the paper's ArcNegFace uses {@code s = 64} for hundreds of thousands of classes, far above
 * AdaCos's 16.2 for MS1M's 93,431. The rule here keeps AdaCos's dependence on {@code ln(C − 1)} and takes the factor
 * from PolyFace's own measurement (README, Training, "Defaults on small data": ORL, 30 classes) and the paper:
 *
 * <pre>
 *   s(C) = min(64, 4·√2·ln(C − 1))      (C = 2 is taken as C = 3: ln 1 = 0 would leave no logit scale)
 * </pre>
 *
 * <p>So {@code s(30) = 4√2·ln 29 ≈ 19.05} and every {@code C ≥ 81,939} (MS1M-RetinaFace, DeepGlint, Glint360K) gets the
 * paper's 64.
 */
public final class ScaleRule {

    /** The scale of the paper (ArcNegFace, s = 64) and the rule's upper bound. */
    public static final double PAPER_SCALE = 64;

    /** The factor on AdaCos's fixed scale (measured on ORL; see the class comment). */
    public static final double ADACOS_FACTOR = 4;

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
     * @return {@code min(64, 4·√2·ln(max(C, 3) − 1))}
     * @throws IllegalArgumentException if {@code classes < 2}
     */
    public static double forClasses(int classes) {
        return Math.min(PAPER_SCALE, ADACOS_FACTOR * adaCos(classes));
    }
}
