package io.polyface.core.eval.ijb;

import io.polyface.core.eval.NearestRocPoint;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.io.FeatureMatrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

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
        int d = 512;
        int e = SyntheticPairList.IJBC_ENROLMENT;
        int t = SyntheticPairList.IJBC_TEMPLATES;
        SyntheticPairList.Layout layout = new SyntheticPairList.Layout(e, t - e, SyntheticPairList.IJBC_PAIRS,
                SyntheticPairList.IJBC_GENUINE, idBase);
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[t * d];
        for (int i = 0; i < t; i++) {
            int s = layout.subject(i);
            SplittableRandom subject = new SplittableRandom(1000 + s);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (subject.nextGaussian() + 1.2 * r.nextGaussian());
            }
        }
        long[] ids = new long[t];
        for (int i = 0; i < t; i++) {
            ids[i] = idBase + i;
        }
        TemplateFeatures templates = TemplateFeatures.of(ids, FeatureMatrix.fromRowMajor(t, d, x), new long[0], "synthetic templates");
        x = null;
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
