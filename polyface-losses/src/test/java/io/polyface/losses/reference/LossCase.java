package io.polyface.losses.reference;

import io.polyface.losses.margin.AdaFaceLoss;
import io.polyface.losses.margin.ArcFaceLoss;
import io.polyface.losses.margin.ArcNegFaceLoss;
import io.polyface.losses.margin.CombinedMarginLoss;
import io.polyface.losses.margin.CosFaceLoss;
import io.polyface.losses.margin.CurricularFaceLoss;
import io.polyface.losses.margin.MarginLoss;
import io.polyface.losses.margin.MvSoftmaxLoss;
import io.polyface.losses.margin.NormFaceLoss;
import io.polyface.losses.margin.SphereFaceLoss;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A loss configuration paired with its independent reference logits. The reference starts from
 * the state a freshly built loss has; a non-null {@code trainingBatch} (cosines {@code [B, C]})
 * tells it that the running state was first updated with that batch and the given norms (as
 * {@code MarginLoss.evaluate} does inside a gradient collector) and that quantities the loss holds
 * constant for back-propagation (ArcNegFace's weights {@code t}) come from that batch. Finite
 * differences pass the unperturbed batch there, so those stay constants as they are for autograd.
 */
public record LossCase(String id, DoubleFunction<MarginLoss> factory, ReferenceLogits reference) {

    /** Reference logits in double. */
    public interface ReferenceLogits {
        double[][] logits(double[][] c, int[] y, double[] norms, double[][] trainingBatch);
    }

    /** A fresh loss with label smoothing {@code ε}. */
    public MarginLoss create(double epsilon) {
        return factory.apply(epsilon);
    }

    @Override
    public String toString() {
        return id;
    }

    /** Every loss at the paper's defaults, plus variants that reach the other code paths. */
    public static List<LossCase> all() {
        return List.of(
                new LossCase("arcnegface", e -> ArcNegFaceLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.arcNegFace(c, y, 64, 0.5, 1.2, 2, tr != null ? tr : c)),
                new LossCase("arcface", e -> ArcFaceLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.arcFace(c, y, 64, 0.5, false)),
                new LossCase("arcface-easy-margin",
                        e -> ArcFaceLoss.builder().optEasyMargin(true).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.arcFace(c, y, 64, 0.5, true)),
                new LossCase("cosface", e -> CosFaceLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.cosFace(c, y, 64, 0.35)),
                new LossCase("sphereface", e -> SphereFaceLoss.builder().optLabelSmoothing(e).build(),
                        // Caffe schedule: iteration 1 during the first training step, 0 before it
                        (c, y, n, tr) -> Reference.sphereFace(c, y, 64, 4, tr != null ? 1000 / (1 + 0.12) : 1000)),
                new LossCase("sphereface-psi",
                        e -> SphereFaceLoss.builder().optLambdaSchedule(0, 0, 0, 0).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.sphereFace(c, y, 64, 4, 0)),
                new LossCase("sphereface-m3-lambda2",
                        e -> SphereFaceLoss.builder().optMargin(3).optLambdaSchedule(0, 0, 0, 2)
                                .optScale(30).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.sphereFace(c, y, 30, 3, 2)),
                new LossCase("combined", e -> CombinedMarginLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.combined(c, y, 64, 1.0, 0.3, 0.2)),
                new LossCase("combined-cm2",
                        e -> CombinedMarginLoss.builder().optMargins(0.9, 0.4, 0.15).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.combined(c, y, 64, 0.9, 0.4, 0.15)),
                new LossCase("combined-m1-1.35",
                        e -> CombinedMarginLoss.builder().optMargins(1.35, 0, 0).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.combined(c, y, 64, 1.35, 0, 0)),
                new LossCase("curricularface", e -> CurricularFaceLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.curricularFace(c, y, 64, 0.5,
                                tr != null ? Reference.curricularT(tr, y, 0, 0.01) : 0)),
                new LossCase("curricularface-t0.3",
                        e -> CurricularFaceLoss.builder().optInitialT(0.3).optMomentum(0.2).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.curricularFace(c, y, 64, 0.5,
                                tr != null ? Reference.curricularT(tr, y, 0.3, 0.2) : 0.3)),
                new LossCase("mv-softmax", e -> MvSoftmaxLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.mvSoftmax(c, y, 32, 0.35, 0.2, false)),
                new LossCase("mv-softmax-arc",
                        e -> MvSoftmaxLoss.builder().optVariant(MvSoftmaxLoss.Variant.ARC).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.mvSoftmax(c, y, 32, 0.5, 0.2, true)),
                new LossCase("normface", e -> NormFaceLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> Reference.normFace(c, y, 64)),
                new LossCase("adaface", e -> AdaFaceLoss.builder().optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> {
                            double[] st = tr != null ? Reference.adaFaceStatistics(n, 20, 100, 0.01) : new double[] {20, 100};
                            return Reference.adaFace(c, y, n, 64, 0.4, 0.333, st[0], st[1]);
                        }),
                new LossCase("adaface-saturated",
                        e -> AdaFaceLoss.builder().optNormStatistics(1.0, 0.5).optMomentum(0.5).optLabelSmoothing(e).build(),
                        (c, y, n, tr) -> {
                            double[] st = tr != null ? Reference.adaFaceStatistics(n, 1.0, 0.5, 0.5) : new double[] {1.0, 0.5};
                            return Reference.adaFace(c, y, n, 64, 0.4, 0.333, st[0], st[1]);
                        }));
    }
}
