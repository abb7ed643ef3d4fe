package io.polyface.core.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.PolyKind;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.ShapeInference;
import io.polyface.core.arch.preset.BlockType;
import io.polyface.core.arch.preset.PolyFace;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * NASWOT (Mellor et al., ICML 2021): the kernel against brute-force Hamming distances and a brute-force
 * determinant, the activation tap against shape inference, and scores of real networks on real faces
 * ({@code ../shared/data/orl}, read through the image package).
 */
class NaswotTest {

    private static ImageBatchSource orl;

    @BeforeAll
    static void readFaces() throws Exception {
        orl = ImageBatchSource.fromFolder(SharedResources.resolve("data/orl"), 112, 64);
    }

    @Test
    void kernelIsNumberOfUnitsMinusHammingDistance() {
        int n = 6;
        SplittableRandom random = new SplittableRandom(2);
        float[] a = new float[n * 3 * 4 * 5];
        float[] b = new float[n * 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        HammingKernel k = new HammingKernel(n);
        try (NDManager m = NDManager.newBaseManager()) {
            k.add(m.create(a, new Shape(n, 3, 4, 5)));
            k.add(m.create(b, new Shape(n, 7)));
        }
        assertThat(k.units()).isEqualTo(60 + 7);
        double[][] got = k.matrix();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int hamming = 0;
                for (int u = 0; u < 60; u++) {
                    hamming += (a[i * 60 + u] > 0) != (a[j * 60 + u] > 0) ? 1 : 0;
                }
                for (int u = 0; u < 7; u++) {
                    hamming += (b[i * 7 + u] > 0) != (b[j * 7 + u] > 0) ? 1 : 0;
                }
                assertThat(got[i][j]).isEqualTo(67.0 - hamming);
            }
        }
        assertThat(k.logDeterminant()).isCloseTo(Math.log(Math.abs(determinant(got))), within(1e-9));
    }

    @Test
    void duplicateCodesMakeTheKernelSingular() {
        boolean[][] bits = {{true, false, true, true}, {false, false, true, false}, {true, false, true, true}};
        HammingKernel k = new HammingKernel(3);
        k.add(bits);
        assertThat(k.matrix()[0]).containsExactly(4, 2, 4);
        assertThat(k.logDeterminant()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /** Every ReLU/PReLU layer, and the ReLUs inside PolyNet blocks, is seen once per forward pass. */
    @Test
    void tapSeesEveryRectifier() {
        ArchSpec spec = PolyFace.builder().optDepth(1, 2, 1).optResolution(75).optWidth(0.25)
                .optBlockTypes(BlockType.POLY_2, BlockType.MPOLY_2, BlockType.WAY_2).build();
        long expected = 0;
        for (ShapeInference.Shaped s : ShapeInference.infer(spec.input(), spec.root()).nodes()) {
            if (s.node() instanceof Relu || s.node() instanceof PRelu) {
                expected += s.input().numel();
            } else if (s.node() instanceof PolyResidual p) {
                int relus = p.kind() == PolyKind.WAY ? 1 : p.functions().size(); // chained: one between functions + the final one
                expected += relus * s.output().numel();
            }
        }
        Naswot.Score score = Naswot.score(spec, orl, 8, 1, 0);
        assertThat(score.units()).isEqualTo(expected);
        assertThat(score.score()).isFinite();
    }

    @Test
    void realFacesGiveAFiniteDeterministicScore() {
        ArchSpec tiny = Presets.get("mobilefacenet-tiny");
        Naswot.Score first = Naswot.score(tiny, orl, 12, 2, 5);
        Naswot.Score again = Naswot.score(tiny, orl, 12, 2, 5);
        assertThat(first.perBatch()).hasSize(2).allSatisfy(s -> assertThat(s).isFinite());
        assertThat(again.perBatch()).isEqualTo(first.perBatch());
        assertThat(first.score()).isCloseTo((first.perBatch().get(0) + first.perBatch().get(1)) / 2, within(1e-12));
        // log|K| of an N×N kernel whose entries are at most N_A is at most N·log(N_A) (Hadamard's inequality)
        assertThat(first.score()).isLessThanOrEqualTo(12 * Math.log(first.units()));

        RgbImage face = orlImage();
        ImageBatchSource same = ImageBatchSource.of(Collections.nCopies(8, face));
        assertThat(Naswot.score(tiny, same, 8, 1, 5).score()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void batchesCycleThroughTheImagesInTheRequestedChannelOrder() {
        assertThat(orl.imageCount()).isEqualTo(64);
        float[] rgb = orl.batch(1, 4, "RGB");
        float[] bgr = orl.batch(1, 4, "BGR");
        int plane = 112 * 112;
        assertThat(rgb).hasSize(4 * 3 * plane);
        assertThat(java.util.Arrays.copyOfRange(bgr, 2 * plane, 3 * plane)).containsExactly(java.util.Arrays.copyOfRange(rgb, 0, plane));
        assertThat(orl.batch(16, 4, "RGB")).containsExactly(orl.batch(0, 4, "RGB")); // 16·4 = 64: back to the start
        for (float v : rgb) {
            assertThat(v).isBetween(0f, 255f);
        }
    }

    /** The zero-cost objective drives a search at 0.1 GFLOPs; every candidate recounted is within budget. */
    @Test
    void zeroCostSearchAtAPointOneGflopsBudget() {
        SearchResult r = Search.builder().setSpace(SearchSpaces.get("mobilefacenet[embedding=128]"))
                .setBudget(FlopsBudget.parse("0.1G", Convention.LFR))
                .optObjective(NaswotObjective.builder().setImages(orl).optBatchSize(8).optBatches(1).build())
                .optStrategy(new RegularizedEvolution(4, 2, 6)).optSeed(1).build().run();
        assertThat(r.evaluated()).hasSize(6);
        for (Evaluation e : r.evaluated()) {
            assertThat(FlopsCounter.count(e.candidate().spec()).flops(Convention.LFR)).isLessThanOrEqualTo(100_000_000L);
            assertThat(e.objective()).isFinite();
        }
        assertThat(r.provenance().get("objective").toString()).contains("naswot");
    }

    private static RgbImage orlImage() {
        try {
            return ImageDecoder.read(SharedResources.resolve("data/orl/s1/1.pgm")).resize(112, 112);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Determinant by Gaussian elimination with partial pivoting (double precision). */
    private static double determinant(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double det = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            if (p != c) {
                double[] t = m[p];
                m[p] = m[c];
                m[c] = t;
                det = -det;
            }
            det *= m[c][c];
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        return det;
    }
}
