package io.polyface.core.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.flops.Convention;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.util.OrderedMaps;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The candidate log: one JSON object per line (JSON Lines) for every evaluated candidate, written to a
 * temporary file beside the target and renamed onto it when the search ends ({@link #close()}); a failed search
 * leaves no partial log ({@link #abort()}). A line is {@link #describe}'s object plus {@code "stage"}
 * ({@code "search"}, or {@code "rerank"} for a re-scored candidate, which adds {@code "rerank_objective"} and
 * {@code "rerank_score"}) and {@code "objective_id"}. Non-finite scores are written as {@code null}.
 */
public final class CandidateLog implements Closeable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path target;
    private final Path tmp;
    private final BufferedWriter out;
    private boolean done;

    private CandidateLog(Path target, Path tmp) throws IOException {
        this.target = target;
        this.tmp = tmp;
        this.out = Files.newBufferedWriter(tmp);
    }

    /**
     * @param file the log's final path (its folder is created)
     * @return an open log
     * @throws IOException if the temporary file cannot be created
     */
    public static CandidateLog open(Path file) throws IOException {
        return new CandidateLog(file, AtomicFileWriter.newTemporarySibling(file));
    }

    /**
     * The JSON form of an evaluation (also used for fronts on the command line).
     *
     * @param e an evaluation
     * @param convention the budget's convention, whose count is {@code "flops"}
     * @return {@code order, generation, point, convention, flops, lfr_flops, macs, full_flops, params, model_bytes,
     *     objective}
     */
    public static Map<String, Object> describe(Evaluation e, Convention convention) {
        CandidateCost c = e.candidate().cost();
        return OrderedMaps.of("order", e.order(), "generation", e.generation(), "point", e.candidate().values(),
                "convention", convention.id(), "flops", c.flops(convention), "lfr_flops", c.lfrFlops(),
                "macs", c.macs(), "full_flops", c.fullFlops(), "params", c.params(), "model_bytes", c.modelBytes(),
                "objective", finite(e.objective()));
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Appends one evaluation.
     *
     * @param e the evaluation
     * @param convention the budget's convention
     * @param objectiveId the objective's id
     * @param stage {@code "search"} or {@code "rerank"}
     * @throws IOException if writing fails
     */
    public void write(Evaluation e, Convention convention, String objectiveId, String stage) throws IOException {
        Map<String, Object> m = describe(e, convention);
        m.put("objective_id", objectiveId);
        m.put("stage", stage);
        line(m);
    }

    /**
     * Appends a re-scored candidate.
     *
     * @param e its evaluation by the search objective
     * @param convention the budget's convention
     * @param objectiveId the search objective's id
     * @param rerankId the re-ranking objective's id
     * @param rerankScore its score
     * @throws IOException if writing fails
     */
    public void writeRerank(Evaluation e, Convention convention, String objectiveId, String rerankId, double rerankScore)
            throws IOException {
        Map<String, Object> m = describe(e, convention);
        m.put("objective_id", objectiveId);
        m.put("stage", "rerank");
        m.put("rerank_objective", rerankId);
        m.put("rerank_score", finite(rerankScore));
        line(m);
    }

    private void line(Map<String, Object> m) throws IOException {
        out.write(MAPPER.writeValueAsString(m));
        out.newLine();
    }

    /**
     * Finishes the log: flushes it and renames the temporary file onto the target.
     *
     * @throws IOException if flushing or renaming fails
     */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        out.close();
        AtomicFileWriter.commit(tmp, target);
    }

    /** Discards the log (after a failure): closes and deletes the temporary file, leaving the target untouched. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // nothing else to do: a stray temporary file is harmless
        }
    }
}
