package io.polyface.core.eval;

/**
 * One entry of a 1:N search result list (a "candidate" in NIST FRVT 1:N terms; named apart from the
 * architecture-search {@link io.polyface.core.search.Candidate}).
 *
 * @param id the enrolled identity
 * @param score the cosine similarity of the probe and the identity's template
 */
public record GalleryMatch(String id, double score) {
}
