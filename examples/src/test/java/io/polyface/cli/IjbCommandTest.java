package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.testing.TestFiles;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code polyface ijb-protocol} and {@code polyface ijb} in-process, end to end on real faces: the protocol
 * generated from all of {@code ../shared/data/orl} (400 images) run with {@code fr_feature.onnx}; the saved
 * image features reused with other template options; and the bad-input rules (missing protocol file, template
 * ids absent from the template file, images missing on disk, landmark rows with the wrong number of fields),
 * each a one-line error with exit status 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IjbCommandTest {

    @TempDir
    static Path dir;

    private static Path orl;
    private static Path small;
    private static JsonNode generated;
    private static final String MODEL = SharedResources.resolve("models/fr_feature.onnx").toString();
    private static final List<String> PREPROCESSING = List.of("--rgb", "--mean", "127", "--std", "128");

    @BeforeAll
    static void generateProtocols() throws IOException {
        orl = dir.resolve("orl-ijb");
        CliRun r = CliTestSupport.runOk("ijb-protocol", "--images", SharedResources.resolve("data/orl").toString(), "--out",
                orl.toString(), "--seed", "1", "--json");
        generated = new ObjectMapper().readTree(r.out());
        // a small protocol (12 subjects) for the tests that must run the model again
        Path faces = dir.resolve("faces");
        for (int s = 1; s <= 12; s++) {
            Path to = Files.createDirectories(faces.resolve("s" + s));
            for (int i = 1; i <= 10; i++) {
                Files.copy(SharedResources.resolve("data/orl/s" + s + "/" + i + ".pgm"), to.resolve(i + ".pgm"));
            }
        }
        small = dir.resolve("small-ijb");
        CliRun s = CliTestSupport.runOk("ijb-protocol", "--images", faces.toString(), "--out", small.toString());
        assertThat(s.out()).contains("IJB-C protocol written to").contains("120 of 120 images with a face (0 left out)");
    }

    private static List<String> args(String... first) {
        return new ArrayList<>(List.of(first));
    }

    private static CliRun runOk(List<String> args) {
        return CliTestSupport.runOk(args.toArray(new String[0]));
    }

    @Test
    @Order(1)
    void generatedOrlProtocolRunsEndToEndWithFrFeature() throws IOException {
        assertThat(generated.get("faces_written").asInt()).isEqualTo(400);
        assertThat(generated.get("left_out_images").get(0).get("path").asText()).isEqualTo("README");
        assertThat(generated.get("sample_limited").asBoolean()).isFalse();

        Path feats = dir.resolve("orl.feat");
        Path png = dir.resolve("orl-roc.png");
        List<String> a = args("ijb", "--root", orl.toString(), "--model", MODEL, "--features", feats.toString(), "--roc", png.toString(), "--json");
        a.addAll(PREPROCESSING);
        CliRun r = runOk(a);
        JsonNode j = new ObjectMapper().readTree(r.out());
        long lines;
        try (Stream<String> s = Files.lines(orl.resolve("meta/ijbc_template_pair_label.txt"))) {
            lines = s.count();
        }
        assertThat(j.get("dataset").asText()).isEqualTo("ijbc");
        assertThat(j.get("pairs").asLong()).isEqualTo(lines).isEqualTo(generated.get("pairs").asLong());
        assertThat(j.get("templates").asInt()).isEqualTo(generated.get("templates").asInt());
        assertThat(j.get("images").asInt()).isEqualTo(400);
        assertThat(j.get("images_not_embedded").asInt()).isZero();
        assertThat(j.get("aggregate").asText()).isEqualTo("ijb");
        assertThat(j.get("template_rule").asText()).contains("facenessWeighting=true");
        assertThat(j.get("normalize_images").asBoolean()).isFalse();
        JsonNode v = j.get("verification");
        assertThat(v.get("genuine").asLong()).isEqualTo(generated.get("genuine_pairs").asLong());
        assertThat(v.get("results")).hasSize(6);
        assertThat(v.get("results").get(0).get("far").asDouble()).isEqualTo(1e-6);
        assertThat(v.get("results").get(5).get("far").asDouble()).isEqualTo(1e-1);
        // ../shared/README.md: ORL image pairs reach TAR@FAR=1e-3 >= 0.999 with these models; templates no less
        assertThat(v.get("results").get(3).get("tar").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(v.get("results").get(3).get("insightface_nearest_roc_point").get("tpr").asDouble()).isGreaterThanOrEqualTo(0.99);
        JsonNode id = j.get("identification");
        for (String g : List.of("G1", "G2", "mean")) {
            JsonNode res = id.get(g).get("results");
            assertThat(res.get(0).get("fpir").asDouble()).isEqualTo(1e-2);
            assertThat(res.get(1).get("fpir").asDouble()).isEqualTo(1e-1);
            assertThat(res.get(0).get("tpir").asDouble()).as(g).isGreaterThanOrEqualTo(0.95);
            assertThat(res.get(0).get("sample_limited").asBoolean()).isFalse();
            assertThat(id.get(g).get("cmc").get("rank1").asDouble()).isGreaterThanOrEqualTo(0.95);
            assertThat(id.get(g).get("cmc").get("rank10").asDouble()).isEqualTo(1.0);
        }
        assertThat(id.get("G1").get("non_mated_probes").asInt()).isEqualTo(generated.get("non_mated_probes_G1").asInt());
        assertThat(png).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("orl.feat.list"))).hasSize(400);
        Files.writeString(dir.resolve("first.json"), r.out());
    }

    @Test
    @Order(2)
    void savedFeaturesGiveTheSameFiguresAndTheTemplateOptionsChangeTheRule() throws IOException {
        String feats = dir.resolve("orl.feat").toString();
        CliRun again = runOk(args("ijb", "--root", orl.toString(), "--features", feats, "--json"));
        JsonNode first = new ObjectMapper().readTree(Files.readString(dir.resolve("first.json")));
        JsonNode second = new ObjectMapper().readTree(again.out());
        assertThat(second.get("verification")).isEqualTo(first.get("verification"));
        assertThat(second.get("identification")).isEqualTo(first.get("identification"));

        CliRun options = runOk(args("ijb", "--root", orl.toString(), "--features", feats, "--no-detector-score", "--no-norm-score",
                "--media-normalize", "--far", "1e-3,1e-2", "--fpir", "0.05"));
        assertThat(options.out()).contains("IJB-C protocol at").contains("facenessWeighting=false").contains("normalizeMedia=true")
                .contains("image features L2-normalised first").contains("1:1 verification").contains("1:N identification")
                .contains("5e-02");

        Files.writeString(dir.resolve("orl.feat.quality"), "1.5\n".repeat(200) + "0.5\n".repeat(200));
        CliRun side = runOk(args("ijb", "--root", orl.toString(), "--features", feats, "--aggregate", "ijb,qanpp", "--json"));
        JsonNode s = new ObjectMapper().readTree(side.out());
        assertThat(s.get("aggregate").asText()).isEqualTo("ijb");
        assertThat(s.get("alternatives").get(0).get("aggregate").asText()).isEqualTo("qanpp");
        assertThat(s.get("alternatives").get(0).get("verification").get("results")).hasSize(6);
        Files.delete(dir.resolve("orl.feat.quality"));
        assertBad(args("ijb", "--root", orl.toString(), "--features", feats, "--aggregate", "qanpp"), "orl.feat.quality: no such file");
    }

    private static Path copy(Path from, String name) throws IOException {
        Path to = dir.resolve(name);
        TestFiles.copyTree(from, to);
        return to;
    }

    private static void assertBad(List<String> args, String message) {
        CliRun r = CliTestSupport.run(args.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("polyface " + args.get(0) + ": error: ").contains(message);
        assertThat(r.err().strip().lines().filter(l -> l.contains("error")).count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    @Order(3)
    void badProtocolFilesAreOneLineErrorsWithStatusTwo() throws IOException {
        String feats = dir.resolve("orl.feat").toString();
        Path noProbes = copy(orl, "no-probes");
        Files.delete(noProbes.resolve("meta/ijbc_1N_probe_mixed.csv"));
        assertBad(args("ijb", "--root", noProbes.toString(), "--features", feats), "missing protocol file "
                + noProbes.resolve("meta/ijbc_1N_probe_mixed.csv"));

        Path unknown = copy(orl, "unknown-template");
        Path pairs = unknown.resolve("meta/ijbc_template_pair_label.txt");
        long lines = Files.readAllLines(pairs).size();
        Files.writeString(pairs, "1 9999999999 0\r\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertBad(args("ijb", "--root", unknown.toString(), "--features", feats), "ijbc_template_pair_label.txt: line " + (lines + 1)
                + ": template id 9999999999 is not a template of " + unknown.resolve("meta/ijbc_face_tid_mid.txt"));

        Path landmarks = copy(orl, "bad-landmarks");
        Path lmk = landmarks.resolve("meta/ijbc_name_5pts_score.txt");
        List<String> rows = new ArrayList<>(Files.readAllLines(lmk));
        rows.set(2, rows.get(2).substring(0, rows.get(2).lastIndexOf(' ')));
        Files.write(lmk, rows);
        assertBad(args("ijb", "--root", landmarks.toString(), "--features", feats), "ijbc_name_5pts_score.txt: line 3 has 11 fields; expected 12");

        assertBad(args("ijb", "--root", orl.toString(), "--features", dir.resolve("small.feat-missing").toString()),
                "give --model FILE.onnx (or --features F of a previous run)");
        assertBad(args("ijb", "--root", orl.toString(), "--model", MODEL, "--aggregate", "qanpp"), "--aggregate qanpp needs --quality Q.onnx");
        assertBad(args("ijb", "--root", orl.toString(), "--dataset", "ijbb", "--features", feats), "missing protocol file");
        assertBad(args("ijb", "--root", small.toString(), "--features", feats), "were the features saved for another protocol?");
        assertBad(args("ijb-protocol", "--images", SharedResources.resolve("data/orl").toString(), "--out", orl.toString()),
                "exists and is not empty");
    }

    @Test
    @Order(4)
    void missingImagesAreCountedOrFailInStrictMode() throws IOException {
        Path gaps = copy(small, "gaps");
        Files.delete(gaps.resolve("loose_crop/3.jpg"));
        Files.delete(gaps.resolve("loose_crop/40.jpg"));
        Path strictFeats = dir.resolve("strict.feat");
        List<String> strict = args("ijb", "--root", gaps.toString(), "--model", MODEL, "--features", strictFeats.toString(), "--strict");
        strict.addAll(PREPROCESSING);
        assertBad(strict, "2 image(s) missing under " + gaps.resolve("loose_crop") + " (strict mode): 3.jpg, 40.jpg");
        assertThat(strictFeats).doesNotExist();

        List<String> lenient = args("ijb", "--root", gaps.toString(), "--model", MODEL, "--no-flip", "--json");
        lenient.addAll(PREPROCESSING);
        CliRun r = runOk(lenient);
        assertThat(r.err()).contains("2 of 120 images missing under").contains("not embedded: 3.jpg: missing");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("images_not_embedded").asInt()).isEqualTo(2);
        assertThat(j.get("not_embedded").get(0).asText()).isEqualTo("3.jpg: missing");
        assertThat(j.get("templates").asInt() + j.get("templates_empty").asInt()).isGreaterThan(0);
    }
}
