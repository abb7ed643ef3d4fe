package io.polyface.core.eval;

import java.util.List;
import java.util.Objects;

/**
 * A closed-set cumulative match characteristic: the identification rate at each rank.
 *
 * @param identificationRates {@code rates[r-1]} = fraction of probes whose mate is among the top
 *     {@code r} candidates, for {@code r = 1 .. maxRank}; non-decreasing
 * @param probes the number of probes
 */
public record CmcCurve(List<Double> identificationRates, int probes) {

    /**
     * Makes the list immutable.
     *
     * @throws NullPointerException if the list is null
     */
    public CmcCurve {
        identificationRates = List.copyOf(Objects.requireNonNull(identificationRates, "identificationRates"));
    }

    /**
     * Returns the rank-1 identification rate.
     *
     * @return {@code rates[0]}
     */
    public double rank1() {
        return identificationRates.get(0);
    }

    /**
     * Returns the identification rate at a rank.
     *
     * @param rank the rank, {@code 1 <= rank <= maxRank}
     * @return the fraction of probes whose mate is within the top {@code rank}
     * @throws IndexOutOfBoundsException if the rank is out of range
     */
    public double rate(int rank) {
        return identificationRates.get(rank - 1);
    }
}
