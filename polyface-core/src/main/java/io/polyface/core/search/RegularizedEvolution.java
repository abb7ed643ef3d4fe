package io.polyface.core.search;

import io.polyface.core.util.OrderedMaps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Regularized ("aging") evolution, Real et al., "Regularized Evolution for Image Classifier Architecture
 * Search", AAAI 2019, Algorithm 1: a population of {@code population} candidates, initially random; each cycle
 * samples {@code sampleSize} members, mutates the best of them into a child, appends the child and removes the
 * oldest member. Random points and children that break a constraint are repaired towards cheaper settings
 * ({@link Evaluator#repair}). A mutation changes one setting with more than one value: a categorical one to
 * another value; an ordered one by one step (probability ½) or to any other value. A child equal to a point
 * already evaluated re-uses its score. The search stops after {@code evaluations} distinct candidates were
 * scored, or after 20·evaluations + 1,000 proposals (a saturated neighbourhood). Deterministic for the seed
 * when the constraints and the objective are.
 *
 * @param population P ≥ 2
 * @param sampleSize S, 1 ≤ S ≤ P
 * @param evaluations distinct candidates to score, ≥ P
 */
public record RegularizedEvolution(int population, int sampleSize, int evaluations) implements Strategy {

    /** Validates. */
    public RegularizedEvolution {
        if (population < 2 || sampleSize < 1 || sampleSize > population || evaluations < population) {
            throw new IllegalArgumentException("evolution needs population >= 2, 1 <= sample <= population and evaluations >= population,"
                    + " got population=" + population + " sample=" + sampleSize + " evaluations=" + evaluations);
        }
    }

    @Override
    public String id() {
        return "evolution";
    }

    @Override
    public void run(Evaluator evaluator, SplittableRandom random) {
        SearchSpace space = evaluator.space();
        Map<List<Integer>, Evaluation> seen = new HashMap<>();
        ArrayDeque<Evaluation> queue = new ArrayDeque<>();
        long cap = 20L * evaluations + 1000;
        long proposals = 0;
        while (queue.size() < population && seen.size() < evaluations && proposals < cap) {
            proposals++;
            int[] p = new int[space.dimensions().size()];
            for (int d = 0; d < p.length; d++) {
                p[d] = random.nextInt(space.dimensions().get(d).size());
            }
            Optional<Candidate> c = evaluator.repair(p, random);
            if (c.isPresent()) {
                queue.addLast(once(evaluator, seen, c.get(), 0));
            }
        }
        if (queue.isEmpty()) {
            throw new IllegalArgumentException("no point of search space '" + space.name() + "' meets the constraints (last rejection: "
                    + evaluator.lastRejection() + ")");
        }
        int cycle = 0;
        while (seen.size() < evaluations && proposals < cap) {
            proposals++;
            cycle++;
            Evaluation parent = tournament(new ArrayList<>(queue), random);
            int[] child = mutate(space, parent.candidate().indexArray(), random);
            Optional<Candidate> c = evaluator.repair(child, random);
            if (c.isEmpty()) {
                continue;
            }
            queue.addLast(once(evaluator, seen, c.get(), cycle));
            if (queue.size() > population) {
                queue.removeFirst();
            }
        }
    }

    private static Evaluation once(Evaluator evaluator, Map<List<Integer>, Evaluation> seen, Candidate c, int generation) {
        Evaluation e = seen.get(c.index());
        if (e == null) {
            e = evaluator.score(c, generation);
            seen.put(c.index(), e);
        }
        return e;
    }

    private Evaluation tournament(List<Evaluation> members, SplittableRandom random) {
        int s = Math.min(sampleSize, members.size());
        Evaluation best = null;
        for (int i = 0; i < s; i++) {
            int j = i + random.nextInt(members.size() - i);
            Evaluation pick = members.get(j);
            members.set(j, members.get(i));
            members.set(i, pick);
            if (best == null || pick.beats(best)) {
                best = pick;
            }
        }
        return best;
    }

    static int[] mutate(SearchSpace space, int[] index, SplittableRandom random) {
        List<Integer> free = new ArrayList<>();
        for (int d = 0; d < index.length; d++) {
            if (space.dimensions().get(d).size() > 1) {
                free.add(d);
            }
        }
        int[] child = index.clone();
        if (free.isEmpty()) {
            return child;
        }
        int d = free.get(random.nextInt(free.size()));
        Dimension dim = space.dimensions().get(d);
        if (dim.kind() != Dimension.Kind.CATEGORICAL && random.nextBoolean()) {
            int step = random.nextBoolean() ? 1 : -1;
            int next = child[d] + step;
            child[d] = next >= 0 && next < dim.size() ? next : child[d] - step;
        } else {
            int other = random.nextInt(dim.size() - 1);
            child[d] = other >= child[d] ? other + 1 : other;
        }
        return child;
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("id", id(), "population", population, "sample_size", sampleSize,
                "evaluations", evaluations);
    }
}
