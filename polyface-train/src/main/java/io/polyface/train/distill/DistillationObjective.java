package io.polyface.train.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.polyface.core.util.OrderedMaps;
import io.polyface.train.data.HostBatch;
import io.polyface.train.loop.EmbeddingObjective;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Knowledge distillation as a {@link io.polyface.train.loop.Trainer} objective:
 * {@code L = w · Σ_k KD_k(s, t) + λ · L_margin}, with the teacher's embeddings {@code t} of each sample
 * ({@link TeacherTargets}) and the {@link KdLoss} terms chosen. When the student's embedding size {@code d} differs
 * from the teacher's {@code D} and a term compares embeddings element-wise ({@link KdLoss#ANGULAR},
 * {@link KdLoss#COSINE}), that term sees the student's embedding through a learned linear projection
 * {@code s·P}, {@code P} of shape {@code [d, D]} (parameter {@value #PROJECTION}, He/Xavier-initialised by DJL's
 * weight initialiser, trained with the centres' group, checkpointed with them); the projection belongs to training
 * only: the exported network outputs the student's own {@code d}-dimensional embedding. {@code λ = 0} (unlabelled data)
 * trains with the distillation terms alone. {@link KdLoss#PROXYLESS} adds the teacher's margin loss against its frozen
 * class centres ({@link ProxylessKd}), on the projected embedding likewise.
 */
public final class DistillationObjective implements EmbeddingObjective {

    /** Checkpoint name of the projection {@code [d, D]}. */
    public static final String PROJECTION = "distill.projection";

    private final TeacherTargets teacher;
    private final List<KdLoss> losses;
    private final double kdWeight;
    private final double marginWeight;
    private final ProxylessKd proxyless;
    private Parameter projection;

    /**
     * @param teacher the teacher's targets
     * @param losses the distillation terms (at least one)
     * @param kdWeight their weight {@code w > 0}
     * @param marginWeight the margin loss weight {@code λ ≥ 0} (0 without labels)
     * @throws IllegalArgumentException naming the argument if a value is out of range
     */
    public DistillationObjective(TeacherTargets teacher, List<KdLoss> losses, double kdWeight, double marginWeight) {
        this(teacher, losses, kdWeight, marginWeight, null);
    }

    /**
     * @param teacher the teacher's targets
     * @param losses the distillation terms (at least one)
     * @param kdWeight their weight {@code w > 0}
     * @param marginWeight the margin loss weight {@code λ ≥ 0} (0 without labels)
     * @param proxyless the teacher's frozen classifier for {@link KdLoss#PROXYLESS} (null when that term is not used)
     * @throws IllegalArgumentException naming the argument if a value is out of range, or {@code --kd-loss proxyless}
     *     without a checkpoint teacher's classifier
     */
    public DistillationObjective(TeacherTargets teacher, List<KdLoss> losses, double kdWeight, double marginWeight, ProxylessKd proxyless) {
        if (losses != null && losses.contains(KdLoss.PROXYLESS) && proxyless == null) {
            throw new IllegalArgumentException("--kd-loss proxyless: needs a PolyFace checkpoint as --teacher (its class centres)");
        }
        this.proxyless = proxyless;
        if (losses == null || losses.isEmpty()) {
            throw new IllegalArgumentException("--kd-loss: expected at least one of angular, cosine, relation");
        }
        if (!(kdWeight > 0) || !Double.isFinite(kdWeight)) {
            throw new IllegalArgumentException("--kd-weight " + kdWeight + ": expected a finite value > 0");
        }
        if (!(marginWeight >= 0) || !Double.isFinite(marginWeight)) {
            throw new IllegalArgumentException("--margin-weight " + marginWeight + ": expected a finite value >= 0");
        }
        this.teacher = teacher;
        this.losses = List.copyOf(losses);
        this.kdWeight = kdWeight;
        this.marginWeight = marginWeight;
    }

    @Override
    public Map<String, Parameter> initialize(NDManager manager, int embeddingSize) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        int d = teacher.embeddingSize();
        if (embeddingSize != d && losses.stream().anyMatch(KdLoss::needsEqualSizes)) {
            projection = Parameter.builder().setName(PROJECTION).setType(Parameter.Type.WEIGHT).optShape(new Shape(embeddingSize, d)).build();
            projection.initialize(manager, DataType.FLOAT32);
            out.put(PROJECTION, projection);
        }
        if (proxyless != null) {
            proxyless.initialize(manager); // frozen: a constant, not among the returned (trained) parameters
        }
        return out;
    }

    @Override
    public NDArray loss(NDArray embeddings, HostBatch batch, int from, int to, NDManager manager) {
        int d = teacher.embeddingSize();
        NDArray t = losses.stream().allMatch(l -> l == KdLoss.PROXYLESS) ? null // the centres alone: no teacher forward pass
                : manager.create(teacher.targets(batch, from, to), new Shape(to - from, d)).toDevice(embeddings.getDevice(), false);
        NDArray projected = projection == null ? embeddings : embeddings.matMul(projection.getArray());
        NDArray total = null;
        for (KdLoss l : losses) {
            NDArray term = l == KdLoss.PROXYLESS ? proxyless.loss(projected, batch, from, to, manager)
                    : l.evaluate(l.needsEqualSizes() ? projected : embeddings, t);
            total = total == null ? term : total.add(term);
        }
        return total.mul(KdLoss.constant(total, kdWeight));
    }

    /** Starts the teacher on a coming batch on its own thread when its targets prefetch ({@link TeacherTargets#prepare}). */
    @Override
    public void prepare(HostBatch batch) {
        teacher.prepare(batch);
    }

    /** @return whether the teacher's targets are computed a batch ahead on the teacher's own thread */
    public boolean prefetches() {
        return teacher.prefetches();
    }

    /** Stops the teacher's thread ({@link TeacherTargets#close()}); the teacher itself stays open (its owner closes it). */
    @Override
    public void close() {
        teacher.close();
    }

    @Override
    public double marginWeight() {
        return marginWeight;
    }

    /** @return whether a projection is trained (the student's and teacher's embedding sizes differ) */
    public boolean hasProjection() {
        return projection != null;
    }

    /** @return the terms, for provenance: names, weights, projection */
    public Map<String, Object> describe() {
        Map<String, Object> m = OrderedMaps.of(
                "kd_losses", losses.stream().map(l -> l.name().toLowerCase(java.util.Locale.ROOT)).toList(),
                "kd_weight", kdWeight, "margin_weight", marginWeight, "teacher_embedding_size", teacher.embeddingSize(),
                "projection", projection != null);
        if (proxyless != null) {
            m.put("proxyless_classes", proxyless.teacher().classes());
            m.put("proxyless_loss", proxyless.teacher().loss());
        }
        return m;
    }
}
