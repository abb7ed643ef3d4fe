/**
 * The video pipeline up to aggregation: frames of {@code identity/track/frame} folders are aligned
 * ({@link io.polyface.aggregation.video.FrameAligner}: YuNet + five-point template, or centre resize),
 * embedded and quality-scored on the same crops ({@link io.polyface.aggregation.video.TrackEmbedder}),
 * giving per-frame features ({@link io.polyface.aggregation.video.FrameFeatures}) ready for any
 * aggregator.
 */
package io.polyface.aggregation.video;
