package io.polyface.train.checkpoint;

import ai.djl.nn.Parameter;
import io.polyface.train.optim.Sgd;
import io.polyface.train.optim.TrainableParameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint holds of a run's arrays and what resuming restores: the backbone parameters
 * (batch-norm statistics included) and the class centres by {@link ParameterNames stable name}, and the
 * optimiser's momentum buffers. Host copies are float32.
 */
public final class TrainingState {

    private final Map<String, Parameter> backbone;
    private final Map<String, Parameter> head;
    private final List<TrainableParameter> trainable;
    private final Sgd sgd;

    /**
     * Host copies of the state.
     *
     * @param model the backbone's arrays, in execution order
     * @param centres the head's arrays ({@value ParameterNames#CENTRES})
     * @param momentum the momentum buffers by trainable parameter name (empty without momentum)
     */
    public record Snapshot(List<NamedTensor> model, List<NamedTensor> centres, List<NamedTensor> momentum) {

        /** @return {@code "NAME holds VALUE"} for the first NaN or infinite parameter value, or null if all are finite */
        public String firstNonFinite() {
            return ParameterValues.firstNonFinite(model, centres);
        }
    }

    /**
     * @param backbone the backbone parameters by name
     * @param head the head parameters by name
     * @param trainable the trainable parameters (each needs a momentum buffer after the first step, when momentum is on)
     * @param sgd the optimiser owning the momentum buffers
     */
    public TrainingState(Map<String, Parameter> backbone, Map<String, Parameter> head, List<TrainableParameter> trainable, Sgd sgd) {
        this.backbone = backbone;
        this.head = head;
        this.trainable = trainable;
        this.sgd = sgd;
    }

    /** @return host copies of the parameters, centres and momentum now */
    public Snapshot snapshot() {
        List<NamedTensor> momentum = new ArrayList<>();
        sgd.momentumBuffers().forEach((name, a) -> momentum.add(new NamedTensor(name, a.getShape().getShape(), a.toFloatArray())));
        return new Snapshot(ParameterValues.snapshot(backbone), ParameterValues.snapshot(head), momentum);
    }

    /** @return a host copy of every parameter (backbone, batch-norm statistics included, and centres) by name */
    public Map<String, NamedTensor> values() {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        for (NamedTensor t : ParameterValues.snapshot(backbone)) {
            out.put(t.name(), t);
        }
        for (NamedTensor t : ParameterValues.snapshot(head)) {
            out.put(t.name(), t);
        }
        return out;
    }

    /**
     * Restores parameters, centres and momentum buffers from a checkpoint.
     *
     * @param c the checkpoint (already checked by {@link CheckpointIntegrity})
     * @return the checkpoint's step
     * @throws IllegalArgumentException naming the file if an array is missing, has another shape, or the
     *     momentum of a trainable parameter is missing
     * @throws IOException if an archive cannot be read
     */
    public long restore(Checkpoint c) throws IOException {
        ParameterValues.load(c.model(), backbone, c.directory().resolve(Checkpoint.MODEL));
        ParameterValues.load(c.head(), head, c.directory().resolve(Checkpoint.HEAD));
        Path optimizerFile = c.directory().resolve(Checkpoint.OPTIMIZER);
        Map<String, NamedTensor> momentum = c.optimizer();
        if (sgd.momentum() != 0 && c.metadata().step() > 0) {
            List<String> missing = new ArrayList<>();
            trainable.stream().map(TrainableParameter::name).filter(n -> !momentum.containsKey(n)).forEach(missing::add);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(optimizerFile + ": no momentum for " + missing.size() + " of " + trainable.size()
                        + " trainable parameters (e.g. '" + missing.get(0) + "') at step " + c.metadata().step()
                        + "; every one has a buffer after the first step");
            }
        }
        sgd.clearMomentum();
        Map<String, Parameter> all = new LinkedHashMap<>(backbone);
        all.putAll(head);
        for (NamedTensor t : momentum.values()) {
            Parameter p = all.get(t.name());
            if (p == null) {
                throw new IllegalArgumentException(optimizerFile + ": momentum of unknown parameter '" + t.name() + "'");
            }
            sgd.restoreMomentum(t.name(), t.values(), p.getArray().getShape());
        }
        return c.metadata().step();
    }
}
