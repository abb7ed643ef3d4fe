package io.polyface.core.io;

import java.util.List;
import java.util.Objects;

/**
 * The parsed LFW pair list: {@code folds} folds, each of {@code pairsPerClass} genuine pairs followed by
 * {@code pairsPerClass} impostor pairs (10 × (300 + 300) = 6,000 pairs for the official View 2 list).
 *
 * @param folds the number of folds (first header field)
 * @param pairsPerClass genuine (and impostor) pairs per fold (second header field)
 * @param pairs all pairs in file order, {@code folds * 2 * pairsPerClass} of them
 */
public record LfwPairList(int folds, int pairsPerClass, List<LfwPair> pairs) {

    /**
     * Validates the list and makes it immutable.
     *
     * @throws IllegalArgumentException if a count is below 1 or the pairs do not follow the fold layout
     */
    public LfwPairList {
        Objects.requireNonNull(pairs, "pairs");
        if (folds < 1 || pairsPerClass < 1) {
            throw new IllegalArgumentException("folds = " + folds + " and pairsPerClass = " + pairsPerClass + ", expected >= 1");
        }
        pairs = List.copyOf(pairs);
        if ((long) folds * 2 * pairsPerClass != pairs.size()) {
            throw new IllegalArgumentException(pairs.size() + " pairs, expected folds*2*pairsPerClass = " + (long) folds * 2 * pairsPerClass);
        }
        for (int i = 0; i < pairs.size(); i++) {
            LfwPair p = pairs.get(i);
            int fold = i / (2 * pairsPerClass);
            boolean genuine = i % (2 * pairsPerClass) < pairsPerClass;
            if (p.fold() != fold || p.genuine() != genuine) {
                throw new IllegalArgumentException("pair " + i + " is fold " + p.fold() + (p.genuine() ? " genuine" : " impostor")
                        + ", expected fold " + fold + (genuine ? " genuine" : " impostor"));
            }
        }
    }

    /**
     * Returns the 0-based fold of pair {@code i}.
     *
     * @param i the pair index
     * @return its fold
     */
    public int foldOf(int i) {
        return pairs.get(i).fold();
    }
}
