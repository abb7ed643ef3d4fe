package io.polyface.train.memory;

import io.polyface.core.util.OrderedMaps;

import java.util.Locale;
import java.util.Map;

/**
 * Estimated engine memory of the classification head of a margin loss (../shared/spec/losses.md,
 * "Large class counts"), all float32:
 * <ul>
 *   <li>class centres {@code W [C, d]}: {@code 4·C·d} bytes;</li>
 *   <li>their gradient, dense {@code [C, d]} even under Partial FC (the engine's gather backward
 *       writes a full-size gradient): {@code 4·C·d};</li>
 *   <li>the optimiser's momentum buffer (when momentum &gt; 0): {@code 4·C·d};</li>
 *   <li>the {@code [B, C']} working arrays of forward and backward, {@code C'} the classes scored per
 *       step ({@code C}, or Partial FC's {@code P + round(r·(C − P))} with {@code P = min(B, C)}
 *       positives at most): {@code 4·k·B·C'} with {@code k} = {@value #LOGIT_ARRAYS}, a stated upper
 *       estimate counted from the margin losses (cosine, clipped cosine, target mask, margin logits,
 *       log-softmax, and the backward's gradients of the last three), not a measurement.</li>
 * </ul>
 *
 * @param numClasses {@code C}
 * @param embeddingSize {@code d}
 * @param batchSize {@code B} (per device)
 * @param scoredClasses {@code C'}
 * @param centreBytes bytes of {@code W}
 * @param gradientBytes bytes of its gradient
 * @param momentumBytes bytes of its momentum buffer
 * @param logitBytes bytes of the {@code [B, C']} working arrays
 */
public record ClassifierMemory(int numClasses, int embeddingSize, int batchSize, long scoredClasses,
                               long centreBytes, long gradientBytes, long momentumBytes, long logitBytes) {

    /** {@code k}, the number of {@code [B, C']} float32 arrays counted. */
    public static final int LOGIT_ARRAYS = 8;

    /**
     * Estimates the memory.
     *
     * @param numClasses {@code C ≥ 2}
     * @param embeddingSize {@code d ≥ 1}
     * @param batchSize {@code B ≥ 1}
     * @param sampleRate Partial FC's fraction {@code r} of negatives in (0, 1]; 1 scores every class
     * @param momentum whether the optimiser keeps a momentum buffer
     * @return the estimate
     * @throws IllegalArgumentException if a size or the rate is out of range
     */
    public static ClassifierMemory estimate(int numClasses, int embeddingSize, int batchSize, double sampleRate, boolean momentum) {
        if (numClasses < 2 || embeddingSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("classifier memory needs C >= 2, d >= 1, B >= 1; got C=" + numClasses
                    + ", d=" + embeddingSize + ", B=" + batchSize);
        }
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("Partial FC sample rate must be in (0, 1], got " + sampleRate);
        }
        long cd = 4L * numClasses * embeddingSize;
        long scored = scoredClasses(numClasses, batchSize, sampleRate);
        return new ClassifierMemory(numClasses, embeddingSize, batchSize, scored, cd, cd, momentum ? cd : 0,
                4L * LOGIT_ARRAYS * batchSize * scored);
    }

    /**
     * @param numClasses {@code C}
     * @param batchSize {@code B}
     * @param sampleRate {@code r}
     * @return {@code C' = P + round(r·(C − P))} with {@code P = min(B, C)}
     */
    public static long scoredClasses(int numClasses, int batchSize, double sampleRate) {
        long p = Math.min(batchSize, numClasses);
        return sampleRate >= 1 ? numClasses : p + Math.round(sampleRate * (numClasses - p));
    }

    /** @return the sum of the four parts */
    public long totalBytes() {
        return centreBytes + gradientBytes + momentumBytes + logitBytes;
    }

    /** @return the parts that do not shrink with Partial FC (centres, gradient, momentum) */
    public long fixedBytes() {
        return centreBytes + gradientBytes + momentumBytes;
    }

    /** @return a one-line breakdown in MB, e.g. for error messages */
    public String breakdown() {
        return String.format(Locale.ROOT, "%s in all = centres %s (C=%,d x d=%d) + gradient %s + momentum %s"
                        + " + logits %s (B=%d x C'=%,d x %d arrays)",
                mb(totalBytes()), mb(centreBytes), numClasses, embeddingSize, mb(gradientBytes), mb(momentumBytes),
                mb(logitBytes), batchSize, scoredClasses, LOGIT_ARRAYS);
    }

    /** @return the estimate as JSON-ready metadata */
    public Map<String, Object> toMetadata() {
        return OrderedMaps.of("classes", numClasses, "embedding_size", embeddingSize, "batch_size", batchSize,
                "scored_classes", scoredClasses, "centre_bytes", centreBytes, "gradient_bytes", gradientBytes,
                "momentum_bytes", momentumBytes, "logit_bytes", logitBytes, "total_bytes", totalBytes());
    }

    /**
     * @param bytes a size
     * @return it in bytes below 100 kB ({@code 12,800 B}), else in MB with one decimal ({@code 191.4 MB})
     */
    static String mb(long bytes) {
        return bytes < 100_000 ? String.format(Locale.ROOT, "%,d B", bytes) : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
