package io.polyface.core.eval;

/**
 * The "InsightFace-compatible" TPR@FPR: the ROC point whose FPR is nearest the target, as InsightFace's
 * IJB-B/C evaluation reports it ({@code recognition/_evaluation_/ijb}: scikit-learn
 * {@code roc_curve(labels, scores)} with its default {@code drop_intermediate=True}; the curve is then
 * reversed with {@code np.flipud} and the first index minimising {@code |fpr - target|} is taken, so among
 * equally near points the one of largest FPR, then largest TPR, wins). Its FPR can exceed the target,
 * unlike {@link OperatingPoint}.
 *
 * @param targetFar the target FPR
 * @param tpr the true positive rate at that point
 * @param fpr the false positive rate at that point (may be above the target)
 * @param threshold the point's threshold; pairs with {@code score >= threshold} are accepted
 *     ({@code +Infinity} for the origin point)
 */
public record NearestRocPoint(double targetFar, double tpr, double fpr, double threshold) {
}
