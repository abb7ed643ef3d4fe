package io.polyface.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.nn.OwnedArrays;
import io.polyface.core.nn.ScalarOps;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, per-group weight decay and learning-rate multipliers,
 * whose momentum buffers can be read and restored (DJL's {@code Sgd} offers neither groups nor its
 * state). Update of parameter {@code w} with gradient {@code g}, group decay {@code λ}, momentum
 * {@code μ}, dampening {@code τ} and rate {@code η = base rate × group multiplier} — the rule of
 * PyTorch's {@code torch.optim.SGD} (the momentum form of Sutskever et al., "On the importance of
 * initialization and momentum in deep learning", ICML 2013, Eq. 1–2, with the learning rate outside
 * the buffer):
 * <pre>
 *   d = g + λ·w
 *   b = d                       (first update of w)
 *   b = μ·b + (1 − τ)·d         (later updates)
 *   d = d + μ·b  if Nesterov, else  d = b
 *   w = w − η·d
 * </pre>
 * With {@code μ = 0} no buffer is kept and {@code w = w − η·(g + λ·w)}. Updates are in place, outside
 * any gradient recording; buffers live in a sub-manager of the manager given to the builder, on its device (the parameters').
 * The factors {@code λ}, {@code μ}, {@code 1 − τ} and {@code η} are kept as engine scalars across updates (the same
 * values and data type as DJL's {@code NDArray.mul(Number)} creates, so the results are bit-identical to it), which
 * saves a scalar's creation and release per factor and parameter: for a network of a few hundred parameters these
 * engine calls cost more than the arithmetic itself. Not thread-safe.
 */
public final class Sgd implements AutoCloseable {

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final NDManager stateManager;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    /** Engine scalars of the factors: decay, momentum and dampening (per value, kept), the current rate's (per step). */
    private final Map<Double, NDArray> factors = new HashMap<>();
    private final Map<Double, NDArray> rates = new HashMap<>();
    private double ratesOf = Double.NaN;

    private Sgd(Builder b) {
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
        this.stateManager = b.manager.newSubManager();
    }

    /** @return a builder (momentum 0.9, no dampening, no Nesterov) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return μ */
    public double momentum() {
        return momentum;
    }

    /** @return τ */
    public double dampening() {
        return dampening;
    }

    /** @return whether the Nesterov form is used */
    public boolean nesterov() {
        return nesterov;
    }

    /**
     * Applies one update to one parameter.
     *
     * @param parameter the parameter (its array is changed in place)
     * @param gradient its gradient, same shape; not modified (temporaries are closed)
     * @param baseLearningRate the scheduled rate, before the group's multiplier
     */
    public void update(TrainableParameter parameter, NDArray gradient, double baseLearningRate) {
        NDArray w = parameter.parameter().getArray();
        double lr = baseLearningRate * parameter.group().learningRateMultiplier();
        double wd = parameter.group().weightDecay();
        NDArray d = gradient;
        boolean ownD = false;
        if (wd != 0) {
            NDArray decay = w.mul(scalar(factors, wd));
            d = gradient.add(decay);
            decay.close();
            ownD = true;
        }
        NDArray step = d;
        boolean ownStep = false;
        if (momentum != 0) {
            NDArray buf = buffers.get(parameter.name());
            if (buf == null) {
                buf = d.duplicate();
                buf.attach(stateManager);
                buffers.put(parameter.name(), buf);
            } else {
                buf.muli(scalar(factors, momentum));
                if (dampening != 0) {
                    NDArray t = d.mul(scalar(factors, 1 - dampening));
                    buf.addi(t);
                    t.close();
                } else {
                    buf.addi(d);
                }
            }
            if (nesterov) {
                NDArray t = buf.mul(scalar(factors, momentum));
                step = d.add(t);
                t.close();
                ownStep = true;
            } else {
                step = buf;
            }
        }
        if (lr != 0) {
            if (baseLearningRate != ratesOf) { // a new step's rate: the last one's scalars are done
                rates.values().forEach(NDArray::close);
                rates.clear();
                ratesOf = baseLearningRate;
            }
            NDArray delta = step.mul(scalar(rates, lr));
            w.subi(delta);
            delta.close();
        }
        if (ownStep) {
            step.close();
        }
        if (ownD) {
            d.close();
        }
    }

    /**
     * @param cache where the scalar is kept
     * @param value a factor
     * @return the engine scalar of {@code value}, typed as DJL's {@code NDManager.create(Number)} types a double
     */
    private NDArray scalar(Map<Double, NDArray> cache, double value) {
        return cache.computeIfAbsent(value, v -> ScalarOps.scalar(stateManager, v));
    }

    /** @return the momentum buffers by parameter name (unmodifiable view; absent until a first update) */
    public Map<String, NDArray> momentumBuffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /**
     * Restores a momentum buffer (resume).
     *
     * @param name the parameter name
     * @param values the buffer values, row-major
     * @param shape the parameter's shape
     * @throws IllegalArgumentException if the value count does not match the shape
     */
    public void restoreMomentum(String name, float[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("momentum of '" + name + "': " + values.length + " values for shape " + shape);
        }
        NDArray old = buffers.remove(name);
        if (old != null) {
            old.close();
        }
        NDArray buf = OwnedArrays.of(stateManager, values, shape);
        buffers.put(name, buf);
    }

    /** Drops every buffer (the next update of each parameter starts afresh). */
    public void clearMomentum() {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
    }

    @Override
    public void close() {
        buffers.clear();
        factors.clear();
        rates.clear();
        stateManager.close();
    }

    /** Builder. */
    public static final class Builder {
        private double momentum = 0.9;
        private double dampening;
        private boolean nesterov;
        private NDManager manager;

        Builder() {}

        /**
         * @param momentum μ in [0, 1) (default 0.9)
         * @return this
         */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * @param dampening τ in [0, 1) (default 0)
         * @return this
         */
        public Builder optDampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        /**
         * @param nesterov use Nesterov momentum (default false)
         * @return this
         */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * @param manager the manager whose sub-manager holds the momentum buffers (required; on the
         *     parameters' device)
         * @return this
         */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * @return the optimiser
         * @throws IllegalArgumentException if a setting is out of range or the manager is missing
         */
        public Sgd build() {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            if (!(dampening >= 0 && dampening < 1)) {
                throw new IllegalArgumentException("dampening must be in [0, 1), got " + dampening);
            }
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and no dampening");
            }
            if (manager == null) {
                throw new IllegalArgumentException("Sgd needs setManager(manager)");
            }
            return new Sgd(this);
        }
    }
}
