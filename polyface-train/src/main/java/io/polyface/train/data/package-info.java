/**
 * Training data: image-folder, list-file and MXNet RecordIO datasets with contiguous label maps
 * ({@link io.polyface.train.data.FaceDataset}, {@link io.polyface.train.data.Datasets#open}), identity
 * splits for held-out evaluation, the seeded sample order, and the parallel
 * {@link io.polyface.train.data.BatchLoader} that decodes, resizes ({@link io.polyface.train.data.ResizeRule}),
 * augments and normalises batches ahead of the engine.
 */
package io.polyface.train.data;
