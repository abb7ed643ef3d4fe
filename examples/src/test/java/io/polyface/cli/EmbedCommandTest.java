package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface embed} and {@code polyface eval --model --images} on real faces, in-process. */
class EmbedCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void embedOrlThenEvaluateAllPairs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("orl.feat");
        CliRun embed = CliTestSupport.runOk("embed", "--model", SharedResources.resolve("models/fr_feature.onnx").toString(),
                "--rgb", "--mean", "127", "--std", "128", "--images", SharedResources.resolve("data/orl").toString(),
                "--out", out.toString(), "--json");
        JsonNode summary = JSON.readTree(embed.out());
        assertThat(summary.get("embedded").asInt()).isEqualTo(400);
        assertThat(summary.get("identities").asInt()).isEqualTo(40);
        assertThat(summary.get("unreadable").asInt()).isEqualTo(1); // the README of the ORL folder is not an image
        assertThat(LfrFeatureFile.read(out).cols()).isEqualTo(512);
        List<String> list = Files.readAllLines(Path.of(out + ".list"));
        List<String> labels = Files.readAllLines(Path.of(out + ".labels"));
        assertThat(list).hasSize(400).startsWith("s1/1.pgm", "s1/10.pgm");
        assertThat(labels).hasSize(400).startsWith("s1", "s1");

        CliRun eval = CliTestSupport.runOk("eval", "--features", out.toString(), "--labels", out + ".labels",
                "--far", "1e-3,1e-2", "--json");
        JsonNode r = JSON.readTree(eval.out());
        assertThat(r.get("genuine").asLong()).isEqualTo(1800);
        assertThat(r.get("impostor").asLong()).isEqualTo(78000);
        double tar = r.get("results").get(0).get("tar").asDouble();
        System.out.printf("ORL via embed + eval: TAR@FAR=1e-3 %.4f%n", tar);
        assertThat(tar).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void evalEmbedsAFolderFirstAndListsUnreadableFiles(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("faces");
        for (String id : List.of("amy", "howard", "penny", "raj")) {
            Files.createDirectories(images.resolve(id));
            for (int i = 1; i <= 5; i++) {
                Path src = SharedResources.resolve("data/bbt/" + id + "/" + id + i + ".png");
                Files.copy(src, images.resolve(id).resolve("frame" + i)); // no extension: decoded by content
            }
        }
        Files.writeString(images.resolve("amy").resolve("notes.txt"), "not an image");
        // a JPEG cut to 1,500 bytes: ImageIO decodes it with only a warning (the rest grey); it counts as unreadable
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        float[] noise = new float[3 * 112 * 112];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(256);
        }
        byte[] jpeg = io.polyface.core.image.ImageEncoder.toJpeg(io.polyface.core.image.RgbImage.of(112, 112, noise), 90);
        Files.write(images.resolve("raj").resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg, 1500));
        CliRun eval = CliTestSupport.runOk("eval", "--model", SharedResources.resolve("models/fr_feature.onnx").toString(),
                "--rgb", "--mean", "127", "--std", "128", "--images", images.toString(), "--far", "1e-1", "--json");
        assertThat(eval.err()).contains("unreadable: amy/notes.txt").contains("unreadable: raj/cut.jpg").contains("corrupt JPEG");
        JsonNode r = JSON.readTree(eval.out());
        assertThat(r.get("genuine").asLong()).isEqualTo(4 * 10);
        assertThat(r.get("impostor").asLong()).isEqualTo(20 * 19 / 2 - 40);
        assertThat(r.get("results").get(0).get("tar").asDouble()).isGreaterThanOrEqualTo(0.9);
        // --strict stops at the first unreadable file, naming it
        CliRun strict = CliTestSupport.run("embed", "--model", SharedResources.resolve("models/fr_feature.onnx").toString(),
                "--align", "none", "--strict", "--images", images.resolve("raj").toString(), "--out", dir.resolve("raj.feat").toString());
        assertThat(strict.exitCode()).isEqualTo(2);
        String[] lines = strict.err().strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("polyface embed: error: corrupt or unreadable image").contains("cut.jpg");
        assertThat(dir.resolve("raj.feat")).doesNotExist();
    }

    @Test
    void nothingEmbeddableFailsWithOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "x");
        CliRun run = CliTestSupport.run("embed", "--model", SharedResources.resolve("models/fr_feature.onnx").toString(),
                "--align", "none", "--images", dir.toString(), "--out", dir.resolve("f.feat").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no image in").contains("1 unreadable");
        assertThat(dir.resolve("f.feat")).doesNotExist();
        CliRun noModel = CliTestSupport.run("embed", "--images", dir.toString(), "--out", "x.feat");
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("--model FILE.onnx is required");
    }
}
