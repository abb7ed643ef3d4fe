package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.eval.CosineSimilarity;
import io.polyface.core.eval.LfwProtocol;
import io.polyface.core.eval.LfwResult;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.io.LfwPair;
import io.polyface.core.io.LfwPairList;
import io.polyface.core.io.LfwPairsFile;
import io.polyface.core.testing.LevelCounts;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface eval} in-process: all pairs of an LFR file, the LFW protocol, and bad input. */
class EvalCommandTest {

    @TempDir
    Path dir;

    /**
     * 600 sign embeddings (64 entries of ±1/8): every cosine is exactly (64 - 2·hamming)/64, so the test
     * counts pairs per score level with bitCount and derives the expected figures without floating point.
     */
    @Test
    void allPairsJsonMatchesLevelCounts() throws Exception {
        Random r = new Random(10);
        int n = 600;
        long[] codes = new long[n];
        List<String> labels = new ArrayList<>();
        float[] x = new float[n * 64];
        for (int i = 0; i < n; i++) {
            long centre = new Random(i / 6 * 7919L).nextLong();
            long code = centre;
            for (int f = r.nextInt(16); f > 0; f--) {
                code ^= 1L << r.nextInt(64);
            }
            codes[i] = code;
            labels.add("person" + i / 6);
            for (int b = 0; b < 64; b++) {
                x[i * 64 + b] = ((code >>> b) & 1) == 1 ? 0.125f : -0.125f;
            }
        }
        Path feats = dir.resolve("feats.bin");
        Path labelFile = dir.resolve("labels.txt");
        LfrFeatureFile.write(feats, FeatureMatrix.fromRowMajor(n, 64, x));
        Files.write(labelFile, labels);
        Path png = dir.resolve("roc.png");
        CliRun run = CliTestSupport.runOk("eval", "--features", feats.toString(), "--labels", labelFile.toString(), "--far", "1e-5,1e-4,1e-3,0.01",
                "--json", "--roc", png.toString());
        JsonNode json = new ObjectMapper().readTree(run.out()); // stdout is exactly one JSON object
        long[][] counts = new long[2][65];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                counts[labels.get(i).equals(labels.get(j)) ? 0 : 1][Long.bitCount(codes[i] ^ codes[j])]++;
            }
        }
        long nGen = java.util.Arrays.stream(counts[0]).sum();
        long nImp = java.util.Arrays.stream(counts[1]).sum();
        assertThat(json.get("genuine").asLong()).isEqualTo(nGen).isEqualTo(100L * 15);
        assertThat(json.get("impostor").asLong()).isEqualTo(nImp);
        assertThat(json.get("embeddings").asInt()).isEqualTo(n);
        assertThat(json.get("results")).hasSize(4);
        for (JsonNode res : json.get("results")) {
            double far = res.get("far").asDouble();
            long k = new BigDecimal(Double.toString(far)).multiply(BigDecimal.valueOf(nImp)).setScale(0, RoundingMode.FLOOR).longValue();
            LevelCounts expected = LevelCounts.walk(counts, k);
            assertThat(res.get("threshold").asDouble()).isEqualTo(expected.threshold());
            assertThat(res.get("tar").asDouble()).isEqualTo((double) expected.genuineAccepted() / nGen);
            assertThat(res.get("far_achieved").asDouble()).isEqualTo((double) expected.impostorsAccepted() / nImp);
            assertThat(res.get("sample_limited").asBoolean()).isEqualTo(k == 0);
        }
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(800);
        assertThat(run.err()).contains("100% of 179,700 pairs scored");

        CliRun text = CliTestSupport.run("eval", "--features", feats.toString(), "--labels", labelFile.toString(), "--far", "1e-3");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("all pairs of 600 embeddings").contains("1,500 genuine").contains("accept when score > threshold")
                .contains("1e-03");
    }

    @Test
    void lfwProtocolOverAFeatureFileNamedByAList() throws Exception {
        Path pairsFile = SharedResources.resolve("data/lfw/pairs.txt");
        LfwPairList pairs = LfwPairsFile.read(pairsFile);
        Set<String> paths = new LinkedHashSet<>();
        for (LfwPair p : pairs.pairs()) {
            paths.add(p.path1());
            paths.add(p.path2());
        }
        List<String> list = new ArrayList<>(paths);
        Map<String, float[]> centres = new HashMap<>();
        Random r = new Random(4);
        float[][] x = new float[list.size()][32];
        for (int i = 0; i < list.size(); i++) {
            String person = list.get(i).substring(0, list.get(i).indexOf('/'));
            float[] c = centres.computeIfAbsent(person, k -> {
                float[] v = new float[32];
                for (int d = 0; d < 32; d++) {
                    v[d] = (float) r.nextGaussian();
                }
                return v;
            });
            for (int d = 0; d < 32; d++) {
                x[i][d] = c[d] + 1.1f * (float) r.nextGaussian();
            }
        }
        Path feats = dir.resolve("lfw.bin");
        Path listFile = dir.resolve("lfw_list.txt");
        LfrFeatureFile.write(feats, FeatureMatrix.of(x));
        Files.write(listFile, list);
        CliRun run = CliTestSupport.runOk("eval", "--pairs", pairsFile.toString(), "--features", feats.toString(), "--list", listFile.toString(), "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        double[] scores = new double[6000];
        for (int p = 0; p < 6000; p++) {
            LfwPair pair = pairs.pairs().get(p);
            scores[p] = CosineSimilarity.cosine(x[list.indexOf(pair.path1())], x[list.indexOf(pair.path2())]);
        }
        LfwResult expected = LfwProtocol.evaluate(pairs, scores);
        assertThat(json.get("accuracy_mean").asDouble()).isEqualTo(expected.accuracyMean()).isBetween(0.7, 0.999);
        assertThat(json.get("folds")).hasSize(10);
        assertThat(json.get("genuine").asLong()).isEqualTo(3000);
        assertThat(json.get("impostor").asLong()).isEqualTo(3000);
        assertThat(json.get("tar_at_far").get("tar").asDouble()).isEqualTo(expected.tarAtFar().tar());
        assertThat(json.get("results")).hasSize(4);

        Files.write(listFile, list.subList(1, list.size()));
        LfrFeatureFile.write(feats, FeatureMatrix.of(java.util.Arrays.copyOfRange(x, 1, x.length)));
        CliRun missing = CliTestSupport.run("eval", "--pairs", pairsFile.toString(), "--features", feats.toString(), "--list", listFile.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("needs " + list.get(0)).contains("does not name");
    }

    @Test
    void badInputGivesExitTwoAndOneLine() throws Exception {
        Path feats = dir.resolve("f.bin");
        LfrFeatureFile.write(feats, FeatureMatrix.of(new float[][] {{1, 0}, {0, 1}, {1, 1}}));
        Path labels = Files.write(dir.resolve("l.txt"), List.of("a", "b"));
        CliRun mismatch = CliTestSupport.run("eval", "--features", feats.toString(), "--labels", labels.toString());
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err().strip()).contains("has 2 labels but").contains("3 rows").doesNotContain("\n");
        CliRun missing = CliTestSupport.run("eval", "--features", dir.resolve("nope.bin").toString(), "--labels", labels.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.bin");
        CliRun both = CliTestSupport.run("eval", "--features", feats.toString(), "--labels", labels.toString(), "--pairs", labels.toString(),
                "--list", labels.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        Files.write(labels, List.of("a", "a", "b"));
        CliRun badFar = CliTestSupport.run("eval", "--features", feats.toString(), "--labels", labels.toString(), "--far", "0");
        assertThat(badFar.exitCode()).isEqualTo(2);
        assertThat(badFar.err()).contains("target FAR = 0.0");
        Files.write(feats, new byte[] {1, 2, 3});
        CliRun corrupt = CliTestSupport.run("eval", "--features", feats.toString(), "--labels", labels.toString());
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.err()).contains("shorter than its 16-byte header");
        CliRun help = CliTestSupport.run("eval", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("bin/polyface eval --features feats.bin --labels labels.txt");
    }
}
