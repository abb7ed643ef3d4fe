package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * libtorch's C++ warnings go straight to the process's standard error (file descriptor 2), out of Java's reach, so this
 * test runs a child JVM that builds a network and copies into a parameter — the copy makes DJL's native code emit
 * {@code AutoNonVariableTypeMode is deprecated} — and reads the child's standard error. The same log level silences
 * {@code Could not initialize NNPACK! Reason: Unsupported hardware.} on the processors that print it.
 */
class TorchLogLevelTest {

    /** The child: what a library user's program does. */
    public static void main(String[] args) {
        SpecNetwork network = SpecNetwork.builder().setSpec(Presets.get("mobilefacenet-tiny",
                new ArchOverrides(32, null, 0.25, List.of(1, 1, 1, 1), 16, null, null, null))).build();
        try (NDManager m = NDManager.newBaseManager()) {
            network.initialize(m);
            NDArray a = m.zeros(new Shape(4));
            a.set(FloatBuffer.wrap(new float[] {1, 2, 3, 4})); // DJL's torchSet: AutoNonVariableTypeMode
            System.out.println("level " + TorchLogLevel.current().map(String::valueOf).orElse("unknown") + ", sum "
                    + a.sum().getFloat());
        }
    }

    private static String[] child(Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                TorchLogLevelTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("TORCH_CPP_LOG_LEVEL");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        return new String[] {out, err};
    }

    @Test
    void libtorchWarningsAreSilentUnlessAskedFor() throws Exception {
        String[] quiet = child(Map.of());
        assertThat(quiet[0]).contains("level 2, sum 10.0");
        assertThat(quiet[1]).doesNotContain("AutoNonVariableTypeMode").doesNotContain("NNPACK");
        // the test can fail: with TORCH_CPP_LOG_LEVEL=WARNING the same program prints the warning
        String[] loud = child(Map.of("TORCH_CPP_LOG_LEVEL", "WARNING"));
        assertThat(loud[0]).contains("level 1, sum 10.0");
        assertThat(loud[1]).contains("AutoNonVariableTypeMode is deprecated");
    }

    @Test
    void levelsParseAsPyTorchDocumentsThem() {
        assertThat(TorchLogLevel.parse("info")).contains(0);
        assertThat(TorchLogLevel.parse(" WARNING ")).contains(1);
        assertThat(TorchLogLevel.parse("2")).contains(2);
        assertThat(TorchLogLevel.parse("Fatal")).contains(3);
        assertThat(TorchLogLevel.parse("loud")).isEmpty();
        assertThat(TorchLogLevel.parse(null)).isEmpty();
    }
}
