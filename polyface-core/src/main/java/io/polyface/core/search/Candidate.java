package io.polyface.core.search;

import io.polyface.core.arch.ArchSpec;

import java.util.List;
import java.util.Map;

/**
 * A point of a search space with its exact cost. The spec is built on demand (objectives that only need
 * the settings and the cost never build it).
 *
 * @param space the space
 * @param index one value index per dimension
 * @param cost its cost (from {@link CostModel}, equal to the counter's)
 */
public record Candidate(SearchSpace space, List<Integer> index, CandidateCost cost) {

    /** Copies the index. */
    public Candidate {
        index = List.copyOf(index);
    }

    /** @return the index as an array (a copy) */
    public int[] indexArray() {
        return index.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the settings, in dimension order */
    public Map<String, Object> values() {
        return space.values(indexArray());
    }

    /**
     * @param name the spec's name
     * @return the candidate's spec
     * @throws IllegalArgumentException if the point is invalid (cannot happen for a candidate whose cost was computed)
     */
    public ArchSpec spec(String name) {
        return space.build(indexArray(), name);
    }

    /** @return the candidate's spec, named {@code <space>-candidate} */
    public ArchSpec spec() {
        return spec(space.name() + "-candidate");
    }
}
