/**
 * The classification head of the margin losses: {@link io.polyface.losses.head.MarginHead} owns the
 * class centres {@code W [C, d]} and maps embeddings {@code [B, d]} to the cosine matrix
 * {@code [B, C]} ({@link io.polyface.losses.head.Cosines}); {@link io.polyface.losses.head.ClassLabels}
 * validates class labels.
 */
package io.polyface.losses.head;
