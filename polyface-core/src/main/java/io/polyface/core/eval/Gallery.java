package io.polyface.core.eval;

import io.polyface.core.embed.L2;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.util.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * A 1:N identification gallery: one template (embedding) per enrolled identity, searched by cosine
 * similarity ({@link CosineSimilarity}: L2-normalised float32 copies, dot product accumulated in
 * double). A search costs {@code O(N·d)} per probe; batch search runs probes in parallel.
 *
 * <p>Enrolment is not thread-safe; concurrent searches on an unchanging gallery are.
 */
public final class Gallery {

    private final int dimension;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private float[] templates = new float[0];

    /**
     * Creates an empty gallery.
     *
     * @param dimension the embedding dimension {@code d}, {@code >= 1}
     * @throws IllegalArgumentException if {@code dimension < 1}
     */
    public Gallery(int dimension) {
        Checks.atLeast("dimension", dimension, 1);
        this.dimension = dimension;
    }

    /**
     * Enrols one identity.
     *
     * @param id the identity, non-blank and not yet enrolled
     * @param template its template, {@code [d]} (copied and L2-normalised)
     * @throws IllegalArgumentException if the id is blank or already enrolled, or the template has the
     *     wrong length, is all zero or is not finite
     */
    public void enrol(String id, float[] template) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(template, "template");
        if (id.isBlank()) {
            throw new IllegalArgumentException("identity id is blank");
        }
        if (index.containsKey(id)) {
            throw new IllegalArgumentException("identity '" + id + "' is already enrolled; a gallery holds one template per identity");
        }
        checkLength(template, "template of '" + id + "'");
        int n = ids.size();
        if ((long) (n + 1) * dimension > FeatureMatrix.MAX_ELEMENTS) {
            throw new IllegalArgumentException("gallery full: " + n + " templates of " + dimension + " values");
        }
        if ((n + 1) * dimension > templates.length) {
            templates = Arrays.copyOf(templates, (int) Math.min(FeatureMatrix.MAX_ELEMENTS, Math.max(16L, 2L * (n + 1)) * dimension));
        }
        L2.normalizeInto(template, 0, templates, n * dimension, dimension, "template of '" + id + "'");
        ids.add(id);
        index.put(id, n);
    }

    /**
     * Returns the number of enrolled identities.
     *
     * @return {@code N}
     */
    public int size() {
        return ids.size();
    }

    /**
     * Returns the embedding dimension.
     *
     * @return {@code d}
     */
    public int dimension() {
        return dimension;
    }

    /**
     * Returns whether an identity is enrolled.
     *
     * @param id the identity
     * @return true if enrolled
     */
    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /**
     * Returns the enrolled identities in enrolment order.
     *
     * @return an unmodifiable view
     */
    public List<String> ids() {
        return Collections.unmodifiableList(ids);
    }

    /**
     * Searches one probe.
     *
     * @param probe the probe embedding, {@code [d]} (not modified)
     * @param k the number of candidates, {@code >= 1}
     * @return the {@code min(k, N)} best candidates by descending score; equal scores in enrolment order
     * @throws IllegalArgumentException if {@code k < 1} or the probe has the wrong length, is all zero or
     *     is not finite
     */
    public List<GalleryMatch> search(float[] probe, int k) {
        Objects.requireNonNull(probe, "probe");
        Checks.atLeast("k", k, 1);
        checkLength(probe, "probe");
        float[] q = new float[dimension];
        L2.normalizeInto(probe, 0, q, 0, dimension, "probe");
        int n = ids.size();
        int keep = Math.min(k, n);
        // min-heap: lowest score, then latest enrolment, leaves first; the survivors are the best, earliest on ties
        double[] scores = new double[n];
        PriorityQueue<Integer> heap = new PriorityQueue<>(Math.max(1, keep), (a, b) -> {
            int c = Double.compare(scores[a], scores[b]);
            return c != 0 ? c : Integer.compare(b, a);
        });
        for (int i = 0; i < n; i++) {
            double s = 0;
            int off = i * dimension;
            for (int j = 0; j < dimension; j++) {
                s += (double) q[j] * templates[off + j];
            }
            scores[i] = s;
            if (heap.size() < keep) {
                heap.add(i);
            } else if (heap.comparator().compare(i, heap.peek()) > 0) {
                heap.poll();
                heap.add(i);
            }
        }
        List<GalleryMatch> out = new ArrayList<>(keep);
        while (!heap.isEmpty()) {
            int i = heap.poll();
            out.add(new GalleryMatch(ids.get(i), scores[i]));
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * Searches many probes (in parallel).
     *
     * @param probes the {@code [P, d]} probe embeddings
     * @param k the number of candidates per probe, {@code >= 1}
     * @return for each probe, its {@code min(k, N)} best candidates as in {@link #search}
     * @throws IllegalArgumentException if {@code k < 1}, the dimension differs, or a probe is zero or
     *     not finite (naming the probe row)
     */
    public List<List<GalleryMatch>> searchBatch(FeatureMatrix probes, int k) {
        Objects.requireNonNull(probes, "probes");
        if (probes.cols() != dimension) {
            throw new IllegalArgumentException("probes have " + probes.cols() + " columns, the gallery " + dimension);
        }
        return IntStream.range(0, probes.rows()).parallel().mapToObj(p -> {
            try {
                return search(probes.row(p), k);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("probe row " + p + ": " + e.getMessage(), e);
            }
        }).toList();
    }

    private void checkLength(float[] v, String what) {
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " has " + v.length + " values, the gallery's dimension is " + dimension);
        }
    }
}
