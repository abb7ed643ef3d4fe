package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.training.ParameterStore;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.GlobalAvgPool;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.PolyFace;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.reference.ReferenceForward;
import io.polyface.core.reference.ReferenceTensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BatchNormFolding}: the folded network against the unfolded one (DJL, float32, same input; within 1e-5 of the
 * largest output, the bound) and the folded spec and parameters against the unfolded ones in ReferenceForward's
 * double precision (within 1e-6: only the float32 rounding of the folded parameters differs), with batch-norm
 * statistics drawn at random (at initialisation they are the identity, which would hide a wrong formula).
 */
class BatchNormFoldingTest {

    @Test
    void mobileFaceNetTinyFoldsEveryConvBatchNormAndTheEmbeddingHead() {
        ArchSpec spec = Presets.get("mobilefacenet-tiny");
        BatchNormFolding.Plan plan = BatchNormFolding.plan(spec.forInference());
        assertThat(plan.folds()).isNotEmpty();
        assertThat(plan.spec().embeddingLayer()).isEqualTo(spec.embeddingLayer());
        assertThat(plan.folds()).containsKey(spec.embeddingLayer());
        assertThat(countBatchNorms(plan.spec().root())).isZero();
        assertThat(plan.spec().outputShape()).isEqualTo(spec.forInference().outputShape());
        checkAgainstUnfolded(spec, 4, 1e-5);
    }

    @Test
    void polyFaceOneOneOneMatchesTheUnfoldedNetworkAndTheDoubleReference() {
        ArchSpec spec = PolyFace.builder().optDepth(1, 1, 1).optResolution(75).optWidth(0.25).build();
        checkAgainstUnfolded(spec, 3, 1e-5);
        checkAgainstReference(spec);
    }

    @Test
    void iresnet18MatchesTheUnfoldedNetwork() {
        checkAgainstUnfolded(Presets.get("iresnet18"), 2, 1e-5);
    }

    @Test
    void sharedConvolutionsAndBatchNormsAfterOtherLayersStay() {
        Node root = Sequential.of("root",
                Conv2d.of("stem", 8, 3, 1, 1), new PRelu("p"), Conv2d.of("c0", 8, 3, 1, 1), BatchNorm.of("bn0", 1e-5), new PRelu("p0"),
                Conv2d.of("c0", 8, 3, 1, 1).sharing("c1", "c0"), BatchNorm.of("bn1", 1e-5), BatchNorm.of("bn2", 1e-3),
                Conv2d.of("c2", 8, 1, 1, 0), BatchNorm.of("bn3", 1e-5), new GlobalAvgPool("gap"), new Flatten("flat"),
                new Linear("fc", 16, true), BatchNorm.of("emb", 2e-5));
        ArchSpec spec = new ArchSpec("toy", TensorShape.chw(3, 12, 12), "RGB", 127.5, 128, root, "emb", Map.of());
        BatchNormFolding.Plan plan = BatchNormFolding.plan(spec);
        assertThat(plan.folds().keySet()).containsExactly("c2", "emb");
        assertThat(plan.folds().get("emb").source()).isEqualTo("fc");
        assertThat(countBatchNorms(plan.spec().root())).isEqualTo(3); // bn0 (owner c0 is shared), bn1 (after c1), bn2
        checkAgainstUnfolded(spec, 2, 1e-5);
        checkAgainstReference(spec);
    }

    /** Folded and unfolded DJL networks on the same random input: max |Δ| ≤ tol · max |y|. */
    private static void checkAgainstUnfolded(ArchSpec spec, int batch, double tol) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(manager);
            randomiseBatchNorms(net, new Random(7));
            SpecNetwork folded = BatchNormFolding.foldForInference(net, manager);
            NDArray x = manager.randomUniform(-1, 1, new Shape(spec.input().withBatch(batch)));
            ParameterStore ps = new ParameterStore(manager, false);
            float[] y = net.block().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            float[] yf = folded.block().forward(ps, new NDList(MemoryFormats.channelsLast(x)), false).singletonOrThrow().toFloatArray();
            assertThat(yf).hasSameSizeAs(y);
            double max = 0;
            double diff = 0;
            for (int i = 0; i < y.length; i++) {
                max = Math.max(max, Math.abs(y[i]));
                diff = Math.max(diff, Math.abs(y[i] - yf[i]));
            }
            assertThat(max).isGreaterThan(0);
            assertThat(diff / max).as("max |folded - unfolded| / max |unfolded| of " + spec.name()).isLessThanOrEqualTo(tol);
            assertThat(folded.trainableParameterCount()).isZero();
        }
    }

    /** ReferenceForward (double) of the folded spec with the folded parameters against the unfolded spec. */
    private static void checkAgainstReference(ArchSpec spec) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(manager);
            randomiseBatchNorms(net, new Random(11));
            ArchSpec inference = spec.forInference();
            BatchNormFolding.Plan plan = BatchNormFolding.plan(inference);
            ReferenceForward.Parameters original = net.referenceParameters();
            Random r = new Random(3);
            int[] shape = {2, inference.input().channels(), inference.input().height(), inference.input().width()};
            double[] x = new double[shape[0] * shape[1] * shape[2] * shape[3]];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble() * 2 - 1;
            }
            double[] y = ReferenceForward.run(inference, original, new ReferenceTensor(shape, x)).data();
            double[] yf = ReferenceForward.run(plan.spec(), BatchNormFolding.parameters(plan, original), new ReferenceTensor(shape, x)).data();
            double max = 0;
            double diff = 0;
            for (int i = 0; i < y.length; i++) {
                max = Math.max(max, Math.abs(y[i]));
                diff = Math.max(diff, Math.abs(y[i] - yf[i]));
            }
            assertThat(diff / max).as("double reference, folded vs unfolded, " + spec.name()).isLessThanOrEqualTo(1e-6);
        }
    }

    /** γ in [0.5, 1.5], β and μ in [-0.5, 0.5], σ² in [0.25, 2.25]: BN far from the identity. */
    private static void randomiseBatchNorms(SpecNetwork net, Random r) {
        for (Block b : net.layers().values()) {
            for (Pair<String, Parameter> p : b.getDirectParameters()) {
                String name = p.getKey();
                if (!name.equals("gamma") && !name.equals("beta") && !name.equals("runningMean") && !name.equals("runningVar")) {
                    continue;
                }
                NDArray a = p.getValue().getArray();
                float[] v = new float[(int) a.size()];
                for (int i = 0; i < v.length; i++) {
                    double u = r.nextDouble();
                    v[i] = (float) switch (name) {
                        case "gamma" -> 0.5 + u;
                        case "runningVar" -> 0.25 + 2 * u;
                        default -> u - 0.5;
                    };
                }
                a.set(FloatBuffer.wrap(v));
            }
        }
    }

    private static int countBatchNorms(Node n) {
        if (n instanceof BatchNorm) {
            return 1;
        }
        if (n instanceof Sequential s) {
            return s.nodes().stream().mapToInt(BatchNormFoldingTest::countBatchNorms).sum();
        }
        if (n instanceof io.polyface.core.arch.Residual res) {
            return countBatchNorms(res.body()) + (res.shortcut() == null ? 0 : countBatchNorms(res.shortcut()));
        }
        if (n instanceof io.polyface.core.arch.PolyResidual p) {
            return p.functions().stream().mapToInt(BatchNormFoldingTest::countBatchNorms).sum();
        }
        if (n instanceof io.polyface.core.arch.Concat c) {
            return c.branches().stream().mapToInt(BatchNormFoldingTest::countBatchNorms).sum();
        }
        return 0;
    }
}
