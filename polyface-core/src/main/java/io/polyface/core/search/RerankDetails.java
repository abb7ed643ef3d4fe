package io.polyface.core.search;

import java.util.Map;
import java.util.Optional;

/**
 * Per-candidate measurements a re-ranking objective adds to a {@link SearchReport} (e.g. the trained proxy's held-out TAR
 * and wall time): extra JSON under {@link #jsonKey()} and extra columns of the re-ranking table.
 */
public interface RerankDetails {

    /** @return the key of the measurement in each re-ranked candidate's JSON object (e.g. {@code trained_proxy}) */
    String jsonKey();

    /**
     * @param evaluation a re-ranked candidate
     * @return its measurement as a JSON-ready map, or empty when it was not measured
     */
    Optional<Map<String, Object>> json(Evaluation evaluation);

    /** @return the extra header cells of the re-ranking table, each with its leading space */
    String textHeader();

    /**
     * @param evaluation a re-ranked candidate
     * @return its extra cells (aligned with {@link #textHeader()}), or {@code ""} when it was not measured
     */
    String textRow(Evaluation evaluation);
}
