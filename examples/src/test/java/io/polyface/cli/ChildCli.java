package io.polyface.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line running in a child JVM, as {@code bin/polyface} runs it (for signal tests): standard output and
 * error go to {@code stdout.txt} and {@code stderr.txt} in its working folder. SIGINT starts at its default disposition
 * ({@code env --default-signal}), since a parent running in the background may ignore it. Closing kills it if alive.
 */
final class ChildCli implements AutoCloseable {

    private final Process process;
    private final Path workDir;

    private ChildCli(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
    }

    static ChildCli start(Path workDir, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java, "-Xmx2g", "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), PolyfaceCli.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile()).redirectError(workDir.resolve("stderr.txt").toFile());
        pb.environment().put(Interruption.LAUNCHER_VARIABLE, "bin/polyface");
        pb.environment().put("POLYFACE_PROGRESS", "bar"); // the tests wait for the bar's per-step count
        return new ChildCli(pb.start(), workDir);
    }

    String stdout() {
        return read(workDir.resolve("stdout.txt"));
    }

    String stderr() {
        return read(workDir.resolve("stderr.txt"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits (at most two minutes) until the condition holds, failing if the child ends first. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("the child ended before " + what + ": " + stderr()).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + what + ": " + stderr()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** @param signal {@code TERM} or {@code INT} */
    void signal(String signal) throws IOException, InterruptedException {
        if (signal.equals("TERM")) {
            process.destroy();
        } else {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
        }
    }

    /** @return the exit status, once the child has ended (at most two minutes) */
    int exitStatus() throws InterruptedException {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child did not stop: " + stderr()).isTrue();
        return process.exitValue();
    }

    void assertNoCrashReport() throws IOException {
        try (Stream<Path> s = Files.list(workDir)) {
            assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
