package io.polyface.train.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.losses.head.Cosines;
import io.polyface.losses.margin.MarginLoss;
import io.polyface.losses.margin.MarginLosses;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.LabelMap;

/**
 * ProxylessKD: the student is trained with the teacher's margin loss against the teacher's own, frozen classifier
 * (Shi et al., "ProxylessKD: Direct Knowledge Distillation with Inherited Classifier for Face Recognition", 2020,
 * arXiv:2011.00265, §3.2): with the teacher's class centres {@code W [C, D]} and the student's embedding {@code s}
 * (through the distillation's learned projection {@code s·P} when its size differs from {@code D}),
 * {@code L = margin loss(c, y)} with cosines {@code c_ij = ŝ_i · Ŵ_j} — the margin loss the teacher was trained with
 * (its name and options from the checkpoint), so the student's embeddings are placed directly in the teacher's
 * embedding space by the same decision boundaries. {@code W} is never updated: it is a constant array of the trainer's
 * manager, not a trainable parameter (and not checkpointed: it is read again from the teacher).
 *
 * <p>Needs labels that name the teacher's classes: each class of the training set is mapped, by its name, to the
 * teacher's class of that name (e.g. the same data folder the teacher was trained on).
 */
public final class ProxylessKd {

    private final CheckpointTeacher teacher;
    private final MarginLoss loss;
    private final int[] teacherClassOf;
    private NDArray centres;

    /**
     * @param teacher the checkpoint teacher (centres, classes, loss)
     * @param studentClasses the classes of the student's training set
     * @throws IllegalArgumentException naming {@code --kd-loss proxyless} if a training class is not one of the
     *     teacher's, or the teacher's loss cannot be created
     */
    public ProxylessKd(CheckpointTeacher teacher, LabelMap studentClasses) {
        this.teacher = teacher;
        this.teacherClassOf = new int[studentClasses.size()];
        for (int i = 0; i < studentClasses.size(); i++) {
            String name = studentClasses.name(i);
            if (!teacher.labels().names().contains(name)) {
                throw new IllegalArgumentException("--kd-loss proxyless: class '" + name + "' of --data is not one of the teacher's "
                        + teacher.classes() + " classes (" + teacher.checkpoint() + "); use the data the teacher was trained on");
            }
            teacherClassOf[i] = teacher.labels().indexOf(name);
        }
        try {
            this.loss = MarginLosses.create(teacher.loss(), teacher.lossOptions());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kd-loss proxyless: the teacher's loss " + teacher.loss() + " " + teacher.lossOptions()
                    + ": " + e.getMessage(), e);
        }
    }

    /** @param manager the trainer's manager, owning the frozen centres {@code [C, D]} */
    void initialize(NDManager manager) {
        centres = manager.create(teacher.centres(), new Shape(teacher.classes(), teacher.embeddingSize()));
    }

    /**
     * @param embeddings the student's embeddings of the shard, projected to {@code D} where needed, {@code [B, D]}
     * @param batch the step's batch (its labels are the student's class indices)
     * @param from the shard's first row
     * @param to one past its last row
     * @param manager the step's manager
     * @return the margin loss against the teacher's centres (a scalar)
     */
    NDArray loss(NDArray embeddings, HostBatch batch, int from, int to, NDManager manager) {
        int[] y = new int[to - from];
        for (int i = from; i < to; i++) {
            y[i - from] = teacherClassOf[batch.labels()[i]];
        }
        NDArray labels = manager.create(y).toDevice(embeddings.getDevice(), false);
        NDArray w = centres.toDevice(embeddings.getDevice(), false);
        return loss.evaluate(new NDList(labels), new NDList(Cosines.matrix(embeddings, w), Cosines.rowNorms(embeddings)));
    }

    /** @return the teacher's frozen centres {@code [C, D]} (null before the trainer initialises the objective) */
    public NDArray centres() {
        return centres;
    }

    /** @return the margin loss (the teacher's) */
    public MarginLoss marginLoss() {
        return loss;
    }

    /** @return the teacher */
    public CheckpointTeacher teacher() {
        return teacher;
    }
}
