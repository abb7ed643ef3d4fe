package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface synth}, called in-process. */
class SynthCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void jsonRunWritesTheFolderAndAContactSheet() throws Exception {
        Path out = tmp.resolve("faces");
        Path sheet = tmp.resolve("sheet.png");
        CliRun run = CliTestSupport.runOk("synth", "--out", out.toString(), "--identities", "3",
                "--images-per-id", "2", "--seed", "5", "--threads", "2", "--contact-sheet", sheet.toString(), "--json");
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode o = JSON.readTree(lines[0]);
        assertThat(o.get("synthetic").asBoolean()).isTrue();
        assertThat(o.get("identities").asInt()).isEqualTo(3);
        assertThat(o.get("images_per_identity").asInt()).isEqualTo(2);
        assertThat(o.get("images").asLong()).isEqualTo(6);
        assertThat(o.get("seed").asLong()).isEqualTo(5);
        assertThat(o.get("threads").asInt()).isEqualTo(2);
        assertThat(o.get("images_per_second").asDouble()).isPositive();
        assertThat(o.get("out").asText()).isEqualTo(out.toAbsolutePath().normalize().toString());
        assertThat(run.err()).contains("synth: 6/6 images (100%)");
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(6);
        }
        assertThat(out.resolve("id00002").resolve("001.png")).exists();
        // the folder, its images and the sheet get the umask's permissions, not owner-only ones
        io.polyface.core.testing.NewFilePermissions.assertTreeRespectsUmask(out);
        io.polyface.core.testing.NewFilePermissions.assertTreeRespectsUmask(sheet);
        BufferedImage grid = ImageIO.read(sheet.toFile());
        assertThat(grid.getWidth()).isEqualTo(2 * 114 + 2);
        assertThat(grid.getHeight()).isEqualTo(3 * 114 + 2);
    }

    @Test
    void textRunSaysTheFacesAreSynthetic() {
        CliRun run = CliTestSupport.runOk("synth", "--out", tmp.resolve("t").toString(), "--identities", "2",
                "--images-per-id", "1");
        assertThat(run.out()).contains("wrote 2 synthetic face images (2 identities x 1)").contains("../shared/data/orl");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        CliRun zero = CliTestSupport.run("synth", "--out", tmp.resolve("z").toString(), "--identities", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err().strip()).doesNotContain("\n").contains("identities = 0");

        Path used = Files.createDirectory(tmp.resolve("used"));
        Files.writeString(used.resolve("x"), "x");
        CliRun exists = CliTestSupport.run("synth", "--out", used.toString());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err().strip()).doesNotContain("\n").contains("not empty");

        CliRun jpeg = CliTestSupport.run("synth", "--out", tmp.resolve("j").toString(), "--contact-sheet", "a.jpg");
        assertThat(jpeg.exitCode()).isEqualTo(2);
        assertThat(jpeg.err()).contains("--contact-sheet a.jpg: expected a .png file name");

        CliRun hard = CliTestSupport.run("synth", "--out", tmp.resolve("h").toString(), "--difficulty", "3");
        assertThat(hard.exitCode()).isEqualTo(2);
        assertThat(hard.err()).contains("difficulty = 3.0");

        CliRun missing = CliTestSupport.run("synth");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--out");
    }

    @Test
    void helpHasExamplesAndIsListed() {
        CliRun help = CliTestSupport.run("synth", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("SYNTHETIC").contains("Examples:").contains("bin/polyface synth --out");
        assertThat(CliTestSupport.run("--help").out()).contains("synth");
    }
}
