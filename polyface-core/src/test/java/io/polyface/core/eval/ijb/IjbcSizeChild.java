package io.polyface.core.eval.ijb;

import io.polyface.core.eval.NearestRocPoint;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.VerificationResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Run in a child JVM by {@link IjbcSizeStreamingTest} with a small heap: scores an IJB-C-sized pair list
 * written by {@link SyntheticPairList} with 512-d template features (subject direction + noise) and prints one
 * line of {@code key=value} results.
 */
public final class IjbcSizeChild {

    private IjbcSizeChild() {}

    /**
     * @param args the pair file, the id base
     * @throws Exception on any failure (the parent reads the exit status)
     */
    public static void main(String[] args) throws Exception {
        Path pairs = Path.of(args[0]);
        long idBase = Long.parseLong(args[1]);
        TemplateFeatures templates = SyntheticPairList.features(SyntheticPairList.ijbcLayout(idBase), 512, 1.2, 7);
        long t0 = System.nanoTime();
        TemplatePairScorer.Result result = TemplatePairScorer.builder().build().score(pairs, templates);
        long t1 = System.nanoTime();
        List<Double> fars = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1);
        VerificationResult v = result.scores().evaluate(fars);
        List<NearestRocPoint> nearest = result.scores().nearestRocPoints(fars);
        long t2 = System.nanoTime();
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        OperatingPoint at1e4 = v.operatingPoints().get(2);
        System.out.printf(Locale.ROOT, "pairs=%d skipped=%d genuine=%d impostor=%d tar1e-4=%.6f nearest1e-4=%.6f"
                        + " scoreSeconds=%.2f evalSeconds=%.2f rssPeakMiB=%d maxHeapMiB=%d%n",
                result.pairs(), result.skipped(), v.genuineCount(), v.impostorCount(), at1e4.tar(), nearest.get(2).tpr(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, rss >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
