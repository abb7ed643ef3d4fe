/**
 * Video-like data on disk: the track layout {@code identity/track/frame} ({@link
 * io.polyface.aggregation.track.TrackLayout}, read and written), and a generator of degraded tracks
 * from still images ({@link io.polyface.aggregation.track.DegradedTrackGenerator}) that records how each
 * frame was made (shift, mild photometric change, heavy {@link io.polyface.aggregation.track.Corruption})
 * in a JSON sidecar per track, so that quality-aware aggregation can be tested where the true frame
 * quality is known.
 */
package io.polyface.aggregation.track;
