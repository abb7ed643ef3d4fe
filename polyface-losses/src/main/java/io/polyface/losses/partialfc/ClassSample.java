package io.polyface.losses.partialfc;

import ai.djl.ndarray.NDArray;

/**
 * The classes kept for one Partial FC step.
 *
 * @param classes the kept class indices {@code int64 [C']}, ascending; every label of the batch is
 *     among them
 * @param localLabels each sample's label re-indexed into {@code classes} ({@code classes[local] =
 *     label}), {@code int64 [B]}
 */
public record ClassSample(NDArray classes, NDArray localLabels) {}
