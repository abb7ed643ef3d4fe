package io.polyface.core.eval.ijb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IJB-C-size 1:1 inputs stream in bounded memory: a generated pair list of IJB-C's 15,658,489 lines
 * (ten-digit template ids, 23,124 templates, 19,557 genuine pairs, grouped by the first template) is scored
 * in a child JVM whose heap is capped at {@value #HEAP_MIB} MiB. What the heap must hold:
 * template features twice (the caller's and the scorer's normalised copy, 2 × 23,124 × 512 × 4 B = 95 MB),
 * one float per pair (63 MB), three chunks of 524,288 pairs (14 MB), the 10 % top impostor scores as
 * doubles for the exact ROC up to FAR 0.1 (12.5 MB) — about 185 MB. Holding the pair list as a table of ids,
 * its scores as doubles, or a second copy of the scores would not fit. The child's peak resident set (heap,
 * the engine's native copy of the features and per-chunk products, the JVM and PyTorch themselves) must stay
 * under {@value #RSS_MIB} MiB: per-chunk native arrays that were not released would pass it.
 */
class IjbcSizeStreamingTest {

    private static final int HEAP_MIB = 256;
    private static final int RSS_MIB = 1024;

    @TempDir
    Path dir;

    @Test
    void ijbcSizedPairListStreamsInBoundedMemory() throws IOException, InterruptedException {
        Path pairs = dir.resolve("ijbc_template_pair_label.txt");
        long idBase = 1_000_000_000L;
        SyntheticPairList.Layout layout = SyntheticPairList.writeIjbcSize(pairs, 11, idBase);
        assertThat(layout.templates()).isEqualTo(SyntheticPairList.IJBC_TEMPLATES);
        assertThat(TemplatePairScorer.countLines(pairs)).isEqualTo(SyntheticPairList.IJBC_PAIRS);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + HEAP_MIB + "m", "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                IjbcSizeChild.class.getName(), pairs.toString(), Long.toString(idBase)));
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("child finished within 150 s").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("pairs=")).findFirst().orElseThrow(() -> new AssertionError(out));
        System.out.println("IJB-C-size streaming: " + line);
        Map<String, String> kv = new HashMap<>();
        for (String f : line.split(" ")) {
            String[] a = f.split("=", 2);
            kv.put(a[0], a[1]);
        }
        assertThat(Long.parseLong(kv.get("pairs"))).isEqualTo(SyntheticPairList.IJBC_PAIRS);
        assertThat(Long.parseLong(kv.get("skipped"))).isZero();
        assertThat(Long.parseLong(kv.get("genuine"))).isEqualTo(SyntheticPairList.IJBC_GENUINE);
        assertThat(Long.parseLong(kv.get("impostor"))).isEqualTo(SyntheticPairList.IJBC_PAIRS - SyntheticPairList.IJBC_GENUINE);
        assertThat(Double.parseDouble(kv.get("tar1e-4"))).as("genuine pairs share a subject direction").isGreaterThan(0.5);
        assertThat(Long.parseLong(kv.get("maxHeapMiB"))).isLessThanOrEqualTo(HEAP_MIB);
        // native memory too: the features (47 MB), one chunk's gathered rows and product (< 64 MB) and the engine
        assertThat(Long.parseLong(kv.get("rssPeakMiB"))).as("peak resident set (VmHWM)").isBetween(1L, (long) RSS_MIB);
    }
}
