/**
 * Checkpoints: model parameters, class centres, optimiser momentum, schedule position, the spec, loss,
 * label map, seed and provenance, in a folder written atomically ({@link io.polyface.train.checkpoint.CheckpointStore});
 * arrays as NumPy {@code .npz} ({@link io.polyface.train.checkpoint.NpzArchive}).
 */
package io.polyface.train.checkpoint;
