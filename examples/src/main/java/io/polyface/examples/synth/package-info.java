/**
 * The embedded default dataset: <b>synthetic</b> face identities, cartoon faces drawn with Java2D (not photographs of
 * people), generated deterministically from a seed as 112×112 RGB images roughly aligned like ArcFace crops.
 *
 * <p>{@link io.polyface.examples.synth.FaceIdentity} holds what stays the same for one identity,
 * {@link io.polyface.examples.synth.Nuisance} what changes from image to image (pose, expression, lighting and core's
 * degradations), {@link io.polyface.examples.synth.SyntheticFaceRenderer} draws one image from the two, and
 * {@link io.polyface.examples.synth.SyntheticFaceDataset} generates a whole set in memory or as an image folder.
 * It is a default that runs anywhere, a source of controlled-quality images for aggregation tests and of large identity
 * counts for scale tests — not a measure of accuracy on real faces (use an image folder such as
 * {@code ../shared/data/orl} for that).
 */
package io.polyface.examples.synth;
