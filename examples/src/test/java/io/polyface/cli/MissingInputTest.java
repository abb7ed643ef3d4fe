package io.polyface.cli;

import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A missing input file or folder, whichever command and option names it: one line saying which option, which path
 * and "no such file", exit status 2 — never just the bare path.
 */
class MissingInputTest {

    @TempDir
    Path dir;

    private record Case(String option, String missing, String[] args) {}

    @Test
    void everyInputOptionNamesItselfAndSaysNoSuchFile() throws IOException {
        Path feats = dir.resolve("f.feat");
        LfrFeatureFile.write(feats, FeatureMatrix.of(new float[][] {{1, 0}, {0, 1}}));
        Path labels = Files.writeString(dir.resolve("labels.txt"), "a\nb\n");
        Path images = Files.createDirectories(dir.resolve("images"));
        Path pairs = Files.writeString(dir.resolve("pairs.txt"), "1\t1\na\t1\t2\na\t1\tb\t1\n");
        String gone = dir.resolve("gone").toString();
        String out = dir.resolve("out").toString();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("--features", gone, new String[] {"eval", "--features", gone, "--labels", labels.toString()}));
        cases.add(new Case("--labels", gone, new String[] {"eval", "--features", feats.toString(), "--labels", gone}));
        cases.add(new Case("--pairs", gone, new String[] {"eval", "--pairs", gone, "--features", feats.toString(), "--list",
                labels.toString()}));
        cases.add(new Case("--list", gone, new String[] {"eval", "--pairs", pairs.toString(), "--features", feats.toString(),
                "--list", gone}));
        cases.add(new Case("--model", gone, new String[] {"eval", "--model", gone, "--images", images.toString()}));
        cases.add(new Case("--model", gone, new String[] {"embed", "--model", gone, "--images", images.toString(), "--out", out}));
        cases.add(new Case("--features", gone, new String[] {"aggregate", "--method", "mean", "--features", gone, "--tracks",
                labels.toString(), "--out", out}));
        cases.add(new Case("--tracks", gone, new String[] {"aggregate", "--method", "mean", "--features", feats.toString(),
                "--tracks", gone, "--out", out}));
        cases.add(new Case("--track-dir", gone, new String[] {"aggregate", "--method", "mean", "--track-dir", gone, "--model",
                feats.toString(), "--out", out}));
        cases.add(new Case("--data", gone, new String[] {"train", "--data", gone, "--arch", "mobilefacenet-tiny", "--steps", "1",
                "--out", out}));
        cases.add(new Case("--checkpoint", gone, new String[] {"export", "--checkpoint", gone, "--out", out + ".onnx"}));
        cases.add(new Case("--arch", gone + ".json", new String[] {"flops", "--arch", gone + ".json"}));
        cases.add(new Case("--data", gone, new String[] {"demo", "--data", gone, "--out", out}));
        cases.add(new Case("inspect", gone, new String[] {"inspect", gone}));
        for (Case c : cases) {
            CliRun run = CliTestSupport.run(c.args());
            String command = String.join(" ", c.args());
            assertThat(run.exitCode()).as("exit code of polyface %s (%s)", command, run.err()).isEqualTo(2);
            String[] lines = run.err().strip().split("\n");
            String line = lines[lines.length - 1]; // the demo names its stage first
            assertThat(line).as("polyface %s", command)
                    .startsWith("polyface " + c.args()[0] + ": error: ")
                    .contains("no such file")
                    .contains(c.option().equals("inspect") ? c.missing() : c.option() + " " + c.missing());
        }
    }
}
