package io.polyface.core.eval;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.util.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Identification metrics over a {@link Gallery} (../shared/spec/aggregation-and-evaluation.md,
 * "Identification"): rank-1 and the CMC for closed-set search (every probe's identity is enrolled), and
 * TPIR at target FPIRs for open-set search, with FPIR measured on non-mated probes only (Grother et al.,
 * NIST IR 8271, section 3).
 */
public final class Identification {

    private Identification() {}

    /**
     * Closed-set identification: the CMC up to {@code maxRank}.
     *
     * @param gallery the gallery
     * @param probes the {@code [P, d]} probes
     * @param mateIds the enrolled identity of each probe, {@code P} of them
     * @param maxRank the largest rank reported, {@code >= 1} (capped at the gallery size)
     * @return the CMC; {@link CmcCurve#rank1()} is the rank-1 identification rate
     * @throws IllegalArgumentException if the counts differ, a mate is not enrolled (naming the probe and
     *     id), {@code maxRank < 1}, there are no probes, or a probe is invalid
     */
    public static CmcCurve closedSet(Gallery gallery, FeatureMatrix probes, List<String> mateIds, int maxRank) {
        check(gallery, probes, mateIds);
        Checks.atLeast("maxRank", maxRank, 1);
        for (int p = 0; p < mateIds.size(); p++) {
            String id = Objects.requireNonNull(mateIds.get(p), "closed-set mate of probe " + p);
            if (!gallery.contains(id)) {
                throw new IllegalArgumentException("probe " + p + "'s identity '" + id
                        + "' is not enrolled; closed-set identification needs every probe's mate in the gallery");
            }
        }
        int ranks = Math.min(maxRank, gallery.size());
        return closedSet(gallery.searchBatch(probes, ranks), mateIds, ranks);
    }

    /**
     * Closed-set identification from search results computed elsewhere (e.g. a distributed search, polyface-spark):
     * the CMC of {@link #closedSet(Gallery, FeatureMatrix, List, int)}.
     *
     * @param results each probe's best candidates by descending score, at least {@code ranks} of them (or the whole
     *     gallery), as {@link Gallery#search} returns them
     * @param mateIds the enrolled identity of each probe, one per result list; every mate must be enrolled
     * @param ranks the largest rank reported, {@code >= 1}
     * @return the CMC
     * @throws IllegalArgumentException if the counts differ, there are no probes or {@code ranks < 1}
     */
    public static CmcCurve closedSet(List<List<GalleryMatch>> results, List<String> mateIds, int ranks) {
        checkResults(results, mateIds);
        Checks.atLeast("ranks", ranks, 1);
        long[] hits = new long[ranks];
        for (int p = 0; p < results.size(); p++) {
            List<GalleryMatch> list = results.get(p);
            for (int r = 0; r < Math.min(ranks, list.size()); r++) {
                if (list.get(r).id().equals(mateIds.get(p))) {
                    hits[r]++;
                    break;
                }
            }
        }
        List<Double> rates = new ArrayList<>(ranks);
        long cumulative = 0;
        for (int r = 0; r < ranks; r++) {
            cumulative += hits[r];
            rates.add((double) cumulative / results.size());
        }
        return new CmcCurve(rates, results.size());
    }

    /**
     * Open-set identification: TPIR at each target FPIR.
     *
     * @param gallery the gallery
     * @param probes the {@code [P, d]} probes
     * @param mateIds each probe's enrolled identity, or null for a non-mated probe (identity not enrolled)
     * @param targetFpirs target FPIRs, each {@code 0 < fpir < 1}
     * @param rank the rank within which a mate must appear, {@code >= 1} (1 for the usual TPIR)
     * @return one point per target, in the order given
     * @throws IllegalArgumentException if the counts differ, a mate id is not enrolled, there are no
     *     mated or no non-mated probes, a target or the rank is out of range, or a probe is invalid
     */
    public static List<OpenSetPoint> openSet(Gallery gallery, FeatureMatrix probes, List<String> mateIds,
                                             List<Double> targetFpirs, int rank) {
        check(gallery, probes, mateIds);
        Objects.requireNonNull(targetFpirs, "targetFpirs");
        Checks.atLeast("rank", rank, 1);
        for (double f : targetFpirs) {
            ExactThreshold.checkFar(f, "target FPIR");
        }
        int mated = 0;
        for (int p = 0; p < mateIds.size(); p++) {
            String id = mateIds.get(p);
            if (id != null) {
                mated++;
                if (!gallery.contains(id)) {
                    throw new IllegalArgumentException("probe " + p + "'s mate '" + id + "' is not enrolled; pass null for a non-mated probe");
                }
            }
        }
        int nonMated = mateIds.size() - mated;
        if (mated == 0 || nonMated == 0) {
            throw new IllegalArgumentException(mated + " mated and " + nonMated + " non-mated probes; open-set identification needs both");
        }
        return openSet(gallery.searchBatch(probes, rank), mateIds, targetFpirs);
    }

    /**
     * Open-set identification from search results computed elsewhere (e.g. a distributed search, polyface-spark):
     * the points of {@link #openSet(Gallery, FeatureMatrix, List, List, int)}, with the rank given by the length of
     * the result lists.
     *
     * @param results each probe's best {@code rank} candidates by descending score, as {@link Gallery#search} returns them
     * @param mateIds each probe's enrolled identity, or null for a non-mated probe
     * @param targetFpirs target FPIRs, each {@code 0 < fpir < 1}
     * @return one point per target, in the order given
     * @throws IllegalArgumentException if the counts differ, there are no mated or no non-mated probes, a result list
     *     is empty or a target is out of range
     */
    public static List<OpenSetPoint> openSet(List<List<GalleryMatch>> results, List<String> mateIds, List<Double> targetFpirs) {
        checkResults(results, mateIds);
        Objects.requireNonNull(targetFpirs, "targetFpirs");
        for (double f : targetFpirs) {
            ExactThreshold.checkFar(f, "target FPIR");
        }
        int mated = (int) mateIds.stream().filter(Objects::nonNull).count();
        int nonMated = mateIds.size() - mated;
        if (mated == 0 || nonMated == 0) {
            throw new IllegalArgumentException(mated + " mated and " + nonMated + " non-mated probes; open-set identification needs both");
        }
        double[] matedScores = new double[mated]; // mate's score if within the top `rank`, else -inf (never returned)
        double[] nonMatedTop = new double[nonMated];
        int m = 0;
        int nm = 0;
        for (int p = 0; p < results.size(); p++) {
            List<GalleryMatch> list = results.get(p);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("probe " + p + " has no candidates");
            }
            String id = mateIds.get(p);
            if (id == null) {
                nonMatedTop[nm++] = list.get(0).score();
            } else {
                double s = Double.NEGATIVE_INFINITY;
                for (GalleryMatch c : list) {
                    if (c.id().equals(id)) {
                        s = c.score();
                        break;
                    }
                }
                matedScores[m++] = s;
            }
        }
        Arrays.sort(matedScores);
        double[] nonMatedDescending = ExactThreshold.descending(nonMatedTop);
        List<OpenSetPoint> points = new ArrayList<>(targetFpirs.size());
        for (double fpir : targetFpirs) {
            OperatingPoint op = ExactThreshold.operatingPoint(fpir, nonMatedDescending, nonMated, matedScores);
            points.add(new OpenSetPoint(fpir, op.tar(), op.farAchieved(), op.threshold(), op.impostorsAllowed(), op.sampleLimited()));
        }
        return points;
    }

    private static void checkResults(List<List<GalleryMatch>> results, List<String> mateIds) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(mateIds, "mateIds");
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no probes");
        }
        if (mateIds.size() != results.size()) {
            throw new IllegalArgumentException(mateIds.size() + " mate ids for " + results.size() + " probes");
        }
    }

    private static void check(Gallery gallery, FeatureMatrix probes, List<String> mateIds) {
        Objects.requireNonNull(gallery, "gallery");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(mateIds, "mateIds");
        if (gallery.size() == 0) {
            throw new IllegalArgumentException("the gallery is empty");
        }
        if (probes.rows() == 0) {
            throw new IllegalArgumentException("no probes");
        }
        if (mateIds.size() != probes.rows()) {
            throw new IllegalArgumentException(mateIds.size() + " mate ids for " + probes.rows() + " probes");
        }
    }
}
