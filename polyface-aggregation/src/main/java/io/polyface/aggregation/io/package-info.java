/**
 * The per-row text files that go with an LFR feature file of frame or track features: {@link
 * io.polyface.aggregation.io.TrackIdsFile} (track id per row), {@link
 * io.polyface.aggregation.io.QualityScoresFile} (quality score per row) and the plain {@link
 * io.polyface.aggregation.io.LinesFile} (e.g. identity labels per row, as core's {@code LabelsFile} reads).
 */
package io.polyface.aggregation.io;
