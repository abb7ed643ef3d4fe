package io.polyface.core.eval;

/**
 * One entry of a 1:N search result list.
 *
 * @param id the enrolled identity
 * @param score the cosine similarity of the probe and the identity's template
 */
public record Candidate(String id, double score) {
}
