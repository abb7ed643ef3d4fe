package io.polyface.core.search;

import io.polyface.core.flops.FlopsCounter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact cost of every point of a space without building every spec. A {@link Dimension.Kind#REPEAT}
 * dimension counts identical units (each block of a stage has the same shapes and layers), so FLOPs,
 * parameters and BN statistics are affine in it: for the other settings fixed,
 * cost(n₁, …, n_k) = cost(m₁, …, m_k) + Σᵢ (nᵢ − mᵢ)·[cost(m + eᵢ) − cost(m)], where mᵢ is the dimension's
 * smallest value. Each combination of the other settings is counted once by {@link FlopsCounter} at m and at
 * m + eᵢ (k + 1 small specs) and cached. Exact, not an estimate: {@link Search} recounts every reported
 * candidate with the counter and fails if they differ.
 *
 * <p>Not thread-safe (one search at a time).
 */
public final class CostModel {

    private final SearchSpace space;
    private final int[] repeats;
    private final Map<List<Integer>, Affine> cache = new HashMap<>();

    /** Cost at the smallest repeat counts plus the cost of one more unit per repeat dimension, or why it is invalid. */
    private record Affine(CandidateCost base, CandidateCost[] perUnit, int[] minimum, String invalid) {}

    /**
     * @param space the space
     */
    public CostModel(SearchSpace space) {
        this.space = space;
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < space.dimensions().size(); i++) {
            if (space.dimensions().get(i).kind() == Dimension.Kind.REPEAT) {
                r.add(i);
            }
        }
        this.repeats = r.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param index a point
     * @return its exact cost
     * @throws IllegalArgumentException if the point is invalid (the family builder's reason)
     */
    public CandidateCost cost(int[] index) {
        space.checkIndex(index);
        List<Integer> key = new ArrayList<>(index.length);
        for (int i = 0; i < index.length; i++) {
            key.add(space.dimensions().get(i).kind() == Dimension.Kind.REPEAT ? -1 : index[i]);
        }
        Affine a = cache.computeIfAbsent(key, k -> affine(index));
        if (a.invalid() != null) {
            throw new IllegalArgumentException(a.invalid());
        }
        CandidateCost c = a.base();
        for (int j = 0; j < repeats.length; j++) {
            int n = ((Number) space.dimensions().get(repeats[j]).value(index[repeats[j]])).intValue();
            c = c.plus(a.perUnit()[j], n - a.minimum()[j]);
        }
        return c;
    }

    /** @return how many combinations of the non-repeat settings have been counted so far */
    public int cachedCombinations() {
        return cache.size();
    }

    private Affine affine(int[] index) {
        Map<String, Object> values = new LinkedHashMap<>(space.values(index));
        int[] minimum = new int[repeats.length];
        for (int j = 0; j < repeats.length; j++) {
            Dimension d = space.dimensions().get(repeats[j]);
            minimum[j] = ((Number) d.value(0)).intValue();
            values.put(d.name(), minimum[j]);
        }
        CandidateCost base;
        try {
            base = count(values);
        } catch (IllegalArgumentException e) {
            return new Affine(null, null, minimum, e.getMessage());
        }
        CandidateCost[] perUnit = new CandidateCost[repeats.length];
        for (int j = 0; j < repeats.length; j++) {
            Map<String, Object> plusOne = new LinkedHashMap<>(values);
            plusOne.put(space.dimensions().get(repeats[j]).name(), minimum[j] + 1);
            perUnit[j] = count(plusOne).minus(base);
        }
        return new Affine(base, perUnit, minimum, null);
    }

    private CandidateCost count(Map<String, Object> values) {
        return CandidateCost.of(FlopsCounter.count(space.family().build(space.name() + "-cost", values)));
    }
}
