/**
 * Partial FC (sampled softmax) for large class counts: per step the batch's positive centres plus a
 * random fraction {@code r} of the negatives ({@link io.polyface.losses.partialfc.ClassSampler},
 * {@link io.polyface.losses.partialfc.PartialFcHead}), with the margin loss evaluated on the kept
 * classes ({@link io.polyface.losses.partialfc.PartialFcLoss}); {@code r = 1} is the full loss.
 */
package io.polyface.losses.partialfc;
