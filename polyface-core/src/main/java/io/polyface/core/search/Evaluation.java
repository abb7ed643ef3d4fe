package io.polyface.core.search;

/**
 * One evaluated candidate: it met every constraint and the objective scored it.
 *
 * @param order 0, 1, … in evaluation order (ties in score are broken by it: earlier wins)
 * @param generation 0 for an enumerated or initial candidate, else the evolution cycle that proposed it
 * @param candidate the candidate
 * @param objective its score, higher is better
 */
public record Evaluation(int order, int generation, Candidate candidate, double objective) {

    /**
     * @param other another evaluation
     * @return whether this one ranks above the other (higher score, or equal score and evaluated earlier)
     */
    public boolean beats(Evaluation other) {
        int c = Double.compare(objective, other.objective);
        return c > 0 || (c == 0 && order < other.order);
    }
}
