package io.polyface.train.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.HashMap;
import java.util.Map;

/**
 * A parameter store for one scope (a training step or an inference batch) that hands blocks arrays
 * owned by the scope's manager, so that nothing a block derives from a parameter outlives the scope.
 * (Under DJL a result belongs to the manager of its first operand; a block that computes, say,
 * {@code alpha.reshape(…)} from a parameter would otherwise add an array to the parameters' manager on
 * every forward pass.)
 *
 * <p>Shard 0 — the master device — gets a view of each parameter ({@code reshape} to its own shape:
 * same storage, differentiable), so gradients reach the parameter and in-place updates of batch-norm
 * running statistics reach it too. Every other shard gets a copy made on its device at first use in
 * the scope; made inside the gradient recording, the copy is a differentiable op, so the backward
 * pass sums each shard's gradient into the master parameter's gradient — the all-reduce of
 * synchronous data parallelism. Running statistics updated on a copy are dropped with it (those of
 * shard 0 are kept, as PyTorch's {@code DataParallel} does).
 */
public final class ScopedParameterStore extends ParameterStore {

    private final NDManager scope;
    private final Device[] shardDevices;
    private final Map<String, NDArray> arrays = new HashMap<>();
    private int shard;

    /**
     * A store for a single device.
     *
     * @param scope the scope's manager (on the parameters' device)
     */
    public ScopedParameterStore(NDManager scope) {
        this(scope, new Device[] {scope.getDevice()});
    }

    /**
     * A store for data-parallel shards.
     *
     * @param scope the scope's manager (on the master device)
     * @param shardDevices the device of each shard; shard 0 is the master parameters' device
     */
    public ScopedParameterStore(NDManager scope, Device[] shardDevices) {
        super(scope, false);
        this.scope = scope;
        this.shardDevices = shardDevices.clone();
    }

    /**
     * Selects the shard whose forward pass comes next.
     *
     * @param shard the shard index, 0 for the master device
     */
    public void useShard(int shard) {
        if (shard < 0 || shard >= shardDevices.length) {
            throw new IllegalArgumentException("shard " + shard + " of " + shardDevices.length);
        }
        this.shard = shard;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        return arrays.computeIfAbsent(parameter.getId() + "@" + shard, k -> {
            NDArray master = parameter.getArray();
            NDArray a = shard == 0 ? master.reshape(master.getShape()) : master.toDevice(shardDevices[shard], true);
            a.attach(scope);
            return a;
        });
    }

    @Override
    public NDManager getManager() {
        return scope;
    }
}
