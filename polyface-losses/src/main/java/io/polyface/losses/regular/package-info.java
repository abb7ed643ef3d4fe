/**
 * RegularFace's exclusive regularisation of the class centres, computed exactly in class chunks
 * ({@link io.polyface.losses.regular.RegularFace}), and a loss wrapper adding it with weight
 * {@code λ} to any classification loss ({@link io.polyface.losses.regular.RegularisedLoss}).
 */
package io.polyface.losses.regular;
