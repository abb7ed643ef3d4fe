package io.polyface.train.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.HashMap;
import java.util.Map;

/**
 * The parameter store of one training step under data parallelism. Shard 0 runs on the master device
 * and reads the parameters themselves; every other shard reads a copy made on its device at first use
 * in the step (inside the gradient recording, so the copy is a differentiable op: the backward pass
 * sums each shard's gradient into the master parameter's gradient, which is the all-reduce of
 * synchronous data parallelism). Copies belong to the step's manager and die with it; batch-norm
 * running statistics updated on a copy are dropped, so the running statistics are those of shard 0.
 */
final class ReplicaParameterStore extends ParameterStore {

    private final NDManager stepManager;
    private final Device[] shardDevices;
    private final Map<String, NDArray> copies = new HashMap<>();
    private int shard;

    /**
     * @param stepManager the step's manager (on the master device)
     * @param shardDevices the device of each shard; shard 0 must be the master parameters' device
     */
    ReplicaParameterStore(NDManager stepManager, Device[] shardDevices) {
        super(stepManager, false);
        this.stepManager = stepManager;
        this.shardDevices = shardDevices.clone();
    }

    /**
     * Selects the shard whose forward pass comes next.
     *
     * @param shard the shard index
     */
    void useShard(int shard) {
        this.shard = shard;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        NDArray master = parameter.getArray();
        if (shard == 0) {
            return master;
        }
        return copies.computeIfAbsent(parameter.getId() + "@" + shard, k -> {
            NDArray copy = master.toDevice(shardDevices[shard], true);
            copy.attach(stepManager);
            return copy;
        });
    }

    @Override
    public NDManager getManager() {
        return stepManager;
    }
}
