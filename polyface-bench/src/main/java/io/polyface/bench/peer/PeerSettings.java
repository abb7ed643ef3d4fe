package io.polyface.bench.peer;

/**
 * What the peer runner measures and how long.
 *
 * @param rounds interleaved rounds
 * @param threads intra-op threads of PyTorch, DJL's libtorch and ONNX Runtime
 * @param batch training and inference batch size
 * @param classes classes of the margin head (fixed-batch training)
 * @param loss margin loss, {@code arcface} or {@code arcnegface} (s 64, m 0.5)
 * @param trainSteps timed training steps per measurement and round
 * @param inferenceIterations timed forward passes per measurement and round (batch 1: ten times as many)
 * @param firstWarmup untimed iterations before each measurement of the first round (later rounds: one)
 * @param productSize n of the {@code [n, d] × [d, n]} matrix product
 * @param productDepth d of the matrix product
 */
public record PeerSettings(int rounds, int threads, int batch, int classes, String loss, int trainSteps, int inferenceIterations,
                           int firstWarmup, int productSize, int productDepth) {

    /** Validates the settings. */
    public PeerSettings {
        if (rounds < 1 || threads < 1 || batch < 1 || classes < 2 || trainSteps < 1 || inferenceIterations < 1 || firstWarmup < 0
                || productSize < 1 || productDepth < 1) {
            throw new IllegalArgumentException("peer settings out of range: rounds, threads, batch, steps and iterations must be >= 1,"
                    + " classes >= 2, warm-up >= 0; got " + this);
        }
        if (!loss.equals("arcface") && !loss.equals("arcnegface")) {
            throw new IllegalArgumentException("--loss: expected arcface or arcnegface, got " + loss);
        }
    }

    /**
     * @param round the round, from 0
     * @return untimed iterations before a measurement in that round
     */
    public int warmup(int round) {
        return round == 0 ? firstWarmup : 1;
    }
}
