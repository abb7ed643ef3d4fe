package io.polyface.core.eval.ijb;

import io.polyface.core.eval.CosineSimilarity;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.eval.VerificationScores;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The streaming 1:1 scorer against cosine similarities computed here in double precision, pair by pair, on
 * both of its paths (matrix products of dense chunks, direct dot products of sparse ones) and across chunk
 * boundaries; and its handling of templates without features and of ids the protocol does not know.
 */
class TemplatePairScorerTest {

    @TempDir
    Path dir;

    private static final int T = 240;
    private static final int D = 48;

    /** Templates: subject s = index % 40; features = subject direction + noise, so genuine pairs score higher. */
    private static FeatureMatrix features(long seed) {
        Random r = new Random(seed);
        float[][] subject = new float[40][D];
        for (float[] s : subject) {
            for (int j = 0; j < D; j++) {
                s[j] = (float) r.nextGaussian();
            }
        }
        float[][] x = new float[T][D];
        for (int i = 0; i < T; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = subject[i % 40][j] + 0.9f * (float) r.nextGaussian() + (j == 0 ? 0.5f : 0f);
            }
        }
        return FeatureMatrix.of(x);
    }

    private static long id(int i) {
        return 9_000_000_000L + 17L * i;
    }

    private record Pair(int a, int b) {
        boolean genuine() {
            return a % 40 == b % 40;
        }
    }

    private Path write(String name, List<Pair> pairs) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p))) {
            TemplatePairFile.Writer w = new TemplatePairFile.Writer(out);
            for (Pair q : pairs) {
                w.write(id(q.a), id(q.b), q.genuine());
            }
        }
        return p;
    }

    private static TemplateFeatures templates(FeatureMatrix x) {
        long[] ids = new long[T];
        for (int i = 0; i < T; i++) {
            ids[i] = id(i);
        }
        return TemplateFeatures.of(ids, x, new long[] {42}, "test_face_tid_mid.txt");
    }

    /** Grouped by the first template (IJB-C's shape): the first 40 templates against many of the rest. */
    private static List<Pair> grouped(Random r) {
        List<Pair> out = new ArrayList<>();
        for (int a = 0; a < 40; a++) {
            for (int b = 40; b < T; b++) {
                if (b % 40 == a || r.nextInt(3) == 0) {
                    out.add(new Pair(a, b));
                }
            }
        }
        return out;
    }

    private static List<Pair> scattered(Random r, int n) {
        List<Pair> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(new Pair(r.nextInt(T), r.nextInt(T)));
        }
        return out;
    }

    private static void assertScores(TemplatePairScorer.Raw raw, List<Pair> pairs, FeatureMatrix x) {
        int imp = 0;
        int gen = 0;
        for (Pair q : pairs) {
            double expected = CosineSimilarity.cosine(x.row(q.a), x.row(q.b));
            float got = q.genuine() ? raw.scores()[raw.scores().length - 1 - gen++] : raw.scores()[imp++];
            assertThat((double) got).as("pair %s", q).isCloseTo(expected, within(2e-6));
        }
        assertThat(raw.impostors()).isEqualTo(imp);
        assertThat(raw.genuine()).isEqualTo(gen);
        assertThat(raw.pairs()).isEqualTo(pairs.size());
        assertThat(raw.skipped()).isZero();
    }

    @Test
    void everyPairScoresItsCosineOnBothPathsAndAcrossChunks() throws IOException {
        FeatureMatrix x = features(1);
        TemplateFeatures t = templates(x);
        Random r = new Random(2);
        List<Pair> grouped = grouped(r);
        List<Pair> scattered = scattered(r, 3000);
        List<Pair> complete = new ArrayList<>(); // every chunk of 400 pairs has the same 200 second templates
        for (int a = 0; a < 40; a++) {
            for (int b = 40; b < T; b++) {
                complete.add(new Pair(a, b));
            }
        }
        Path g = write("grouped.txt", grouped);
        Path s = write("scattered.txt", scattered);
        Path all = write("complete.txt", complete);
        assertScores(TemplatePairScorer.builder().optChunkPairs(400).build().scoreRaw(all, templates(x)), complete, x);
        List<TemplatePairScorer> scorers = List.of(
                TemplatePairScorer.builder().build(),
                TemplatePairScorer.builder().optDenseRatio(0).build(), // dot products only
                TemplatePairScorer.builder().optDenseRatio(Integer.MAX_VALUE).build(), // matrix products only
                TemplatePairScorer.builder().optChunkPairs(97).optMaxTileScores(700).build(),
                TemplatePairScorer.builder().optChunkPairs(1).build());
        for (TemplatePairScorer scorer : scorers) {
            assertScores(scorer.scoreRaw(g, t), grouped, x);
            assertScores(scorer.scoreRaw(s, t), scattered, x);
        }
    }

    @Test
    void linesAreCountedExactlyEightBytesAtATime() throws IOException {
        Random r = new Random(6);
        byte[] alphabet = {'\n', '\r', ' ', '0', '9', (byte) 0x8A, (byte) 0x0B, (byte) 0xFF, 0};
        for (int n : new int[] {0, 1, 7, 8, 9, 63, (1 << 20) + 13}) {
            byte[] b = new byte[n];
            long expected = 0;
            for (int i = 0; i < n; i++) {
                b[i] = alphabet[r.nextInt(alphabet.length)];
                expected += b[i] == '\n' ? 1 : 0;
            }
            if (n > 0 && b[n - 1] != '\n') {
                expected++; // a final line without its newline
            }
            Path f = dir.resolve("lines-" + n);
            Files.write(f, b);
            assertThat(TemplatePairScorer.countLines(f)).as("%d bytes", n).isEqualTo(expected);
        }
    }

    @Test
    void sortedScoresGiveTheSameOperatingPointsAsTheDoubleReference() throws IOException {
        FeatureMatrix x = features(3);
        List<Pair> pairs = grouped(new Random(4));
        Path f = write("p.txt", pairs);
        long[] progress = {0, 0};
        TemplatePairScorer.Result result = TemplatePairScorer.builder().optChunkPairs(500)
                .optProgress((done, total) -> {
                    progress[0] = done;
                    progress[1] = total;
                }).build().score(f, templates(x));
        assertThat(progress).containsExactly(pairs.size(), pairs.size());
        List<Double> gen = new ArrayList<>();
        List<Double> imp = new ArrayList<>();
        for (Pair q : pairs) {
            (q.genuine() ? gen : imp).add(CosineSimilarity.cosine(x.row(q.a), x.row(q.b)));
        }
        List<Double> fars = List.of(1e-3, 1e-2, 1e-1);
        VerificationResult expected = VerificationScores.of(gen.stream().mapToDouble(Double::doubleValue).toArray(),
                imp.stream().mapToDouble(Double::doubleValue).toArray()).evaluate(fars);
        VerificationResult got = result.scores().evaluate(fars);
        assertThat(result.pairs()).isEqualTo(pairs.size());
        assertThat(got.genuineCount()).isEqualTo(gen.size());
        assertThat(got.impostorCount()).isEqualTo(imp.size());
        for (int k = 0; k < fars.size(); k++) {
            OperatingPoint e = expected.operatingPoints().get(k);
            OperatingPoint o = got.operatingPoints().get(k);
            assertThat(o.threshold()).isCloseTo(e.threshold(), within(2e-6));
            assertThat(o.genuineAccepted()).isEqualTo(e.genuineAccepted());
            assertThat(o.impostorsAccepted()).isEqualTo(e.impostorsAccepted());
        }
    }

    @Test
    void pairsOfEmptyTemplatesAreSkippedAndUnknownIdsNamed() throws IOException {
        FeatureMatrix x = features(5);
        Path f = dir.resolve("p.txt");
        Files.writeString(f, id(0) + " " + id(40) + " 1\n" + id(0) + " 42 0\n" + id(1) + " " + id(2) + " 0\n42 42 1\n");
        TemplatePairScorer.Result r = TemplatePairScorer.builder().build().score(f, templates(x));
        assertThat(r.pairs()).isEqualTo(4);
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(r.scores().genuineCount()).isEqualTo(1);
        assertThat(r.scores().impostorCount()).isEqualTo(1);

        Files.writeString(f, id(0) + " " + id(40) + " 1\n\n" + id(0) + " 43 0\n");
        assertThatThrownBy(() -> TemplatePairScorer.builder().build().score(f, templates(x))).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("p.txt: line 3: template id 43 is not a template of test_face_tid_mid.txt");
        Files.writeString(f, id(0) + " " + id(41) + " 0\n");
        assertThatThrownBy(() -> TemplatePairScorer.builder().build().score(f, templates(x)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 genuine and 1 impostor pairs");
        float[] zero = new float[T * D];
        zero[0] = 1;
        assertThatThrownBy(() -> TemplatePairScorer.builder().build().score(f, templates(FeatureMatrix.fromRowMajor(T, D, zero))))
                .hasMessageContaining("template " + id(1) + ":").hasMessageContaining("all zeros");
        assertThatThrownBy(() -> TemplatePairScorer.builder().optChunkPairs(0).build()).hasMessageContaining("chunkPairs = 0");
    }
}
