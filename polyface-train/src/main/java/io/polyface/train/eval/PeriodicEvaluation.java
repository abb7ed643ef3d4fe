package io.polyface.train.eval;

import io.polyface.core.io.InsightFaceBin;
import io.polyface.train.data.FaceDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verification sets of a training run and their latest results: all-pairs TAR@FAR on held-out
 * identities ({@link Verification#allPairs}) and each InsightFace {@code .bin} set's pairs
 * ({@link Verification#pairs}), scored on embeddings of the current network.
 */
public final class PeriodicEvaluation {

    private final FaceDataset heldOutSet;
    private final List<Path> verificationBins;
    private final List<Double> fars;
    private final Map<String, EvaluationResult> latest = new LinkedHashMap<>();

    /**
     * @param heldOutSet identities not trained on (null for none)
     * @param verificationBins InsightFace {@code .bin} sets (may be empty)
     * @param fars the target false accept rates
     */
    public PeriodicEvaluation(FaceDataset heldOutSet, List<Path> verificationBins, List<Double> fars) {
        this.heldOutSet = heldOutSet;
        this.verificationBins = List.copyOf(verificationBins);
        this.fars = List.copyOf(fars);
    }

    /** @return whether there is any set to evaluate */
    public boolean hasSets() {
        return heldOutSet != null || !verificationBins.isEmpty();
    }

    /** @return the held-out identities, or null */
    public FaceDataset heldOutSet() {
        return heldOutSet;
    }

    /**
     * Evaluates every set now and keeps the results as the latest.
     *
     * @param step the steps completed (recorded in the results)
     * @param embedder an embedder of the current network
     * @return one result per set (empty without sets)
     * @throws IOException if an evaluation image or a {@code .bin} cannot be read
     */
    public List<EvaluationResult> evaluate(long step, NetworkEmbedder embedder) throws IOException {
        List<EvaluationResult> out = new ArrayList<>();
        if (heldOutSet != null) {
            DatasetEmbeddings e = embedder.embed(heldOutSet);
            out.add(Verification.allPairs(step, "held-out", e.features(), e.labels(heldOutSet), fars));
        }
        for (Path bin : verificationBins) {
            BinDataset set = new BinDataset(bin, InsightFaceBin.read(bin));
            out.add(Verification.pairs(step, bin.getFileName().toString(), embedder.embed(set), set.genuine(), fars));
        }
        for (EvaluationResult r : out) {
            latest.put(r.set(), r);
        }
        return out;
    }

    /** @return the latest result of each set evaluated so far, in first-evaluation order */
    public List<EvaluationResult> latest() {
        return List.copyOf(latest.values());
    }
}
