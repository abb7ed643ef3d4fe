package io.polyface.train.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.polyface.core.nn.PReluBlock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScopedParameterStoreTest {

    private static List<float[]> gradients(SequentialBlock net) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            out.add(g.toFloatArray());
            g.subi(g);
            g.close();
        }
        return out;
    }

    @Test
    void shardGradientsSumIntoTheMasterParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(6).build()).add(Activation::relu)
                    .add(Linear.builder().setUnits(3).build());
            net.initialize(m, DataType.FLOAT32, new Shape(8, 5));
            NDArray x = m.randomNormal(new Shape(8, 5));
            List<float[]> full;
            try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.forward(new ScopedParameterStore(scope), new NDList(x), true).singletonOrThrow();
                gc.backward(out.square().sum());
            }
            full = gradients(net);
            List<float[]> sharded;
            try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ScopedParameterStore ps = new ScopedParameterStore(scope, new Device[] {Device.cpu(), Device.cpu()});
                NDArray total = null;
                for (int s = 0; s < 2; s++) {
                    ps.useShard(s);
                    NDArray xs = x.get(new NDIndex(4 * s + ":" + (4 * s + 4)));
                    NDArray loss = net.forward(ps, new NDList(xs), true).singletonOrThrow().square().sum();
                    total = total == null ? loss : total.add(loss);
                }
                Parameter w = net.getParameters().get(0).getValue();
                ps.useShard(1);
                NDArray replica = ps.getValue(w, Device.cpu(), true);
                assertThat(replica).isNotSameAs(w.getArray());
                assertThat(replica.getManager()).isSameAs(scope);
                gc.backward(total);
            }
            sharded = gradients(net);
            assertThat(sharded).hasSameSizeAs(full);
            for (int i = 0; i < full.size(); i++) {
                for (int j = 0; j < full.get(i).length; j++) {
                    assertThat(sharded.get(i)[j]).isCloseTo(full.get(i)[j], within(1e-5f * Math.max(1, Math.abs(full.get(i)[j]))));
                }
                assertThat(full.get(i)).isNotEqualTo(new float[full.get(i).length]);
            }
        }
    }

    @Test
    void derivedArraysStayInTheScopeNotInTheParametersManager() {
        try (NDManager m = NDManager.newBaseManager()) {
            PReluBlock prelu = new PReluBlock(3);
            prelu.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            int before = m.getManagedArrays().size();
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(2, 3));
                prelu.forward(new ParameterStore(scope, false), new NDList(x), false);
            }
            // the plain store hands out the parameter itself; the block attaches its reshaped slopes to the input's
            // manager, so nothing is left beside the parameter
            assertThat(m.getManagedArrays().size()).isEqualTo(before);
            int after = m.getManagedArrays().size();
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(2, 3));
                NDArray y = prelu.forward(new ScopedParameterStore(scope), new NDList(x), false).singletonOrThrow();
                float[] xs = x.toFloatArray();
                float[] ys = y.toFloatArray();
                for (int i = 0; i < xs.length; i++) {
                    assertThat(ys[i]).isCloseTo(xs[i] > 0 ? xs[i] : 0.25f * xs[i], within(1e-6f));
                }
            }
            assertThat(m.getManagedArrays().size()).isEqualTo(after);
        }
    }
}
