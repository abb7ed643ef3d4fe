/**
 * Training the quality network of QAN++ (the {@code qan-quality} preset; {@code shared/spec/architectures.md})
 * whose per-frame scores weight the frames of a video. The paper does not say how its quality network was
 * trained, so two documented recipes are offered; both keep the frame-embedding network frozen (its
 * embeddings are computed once, e.g. by ONNX Runtime, and passed in {@link
 * io.polyface.train.quality.QualityFrames}).
 * <ul>
 *   <li>(a) {@link io.polyface.train.quality.QanSetTraining}: QAN-style, end-to-end on sets with
 *       identity labels only — set feature = sigmoid-quality-weighted mean of the frame embeddings, a
 *       margin loss of polyface-losses on it with a {@code MarginHead} over the training identities.</li>
 *   <li>(b) {@link io.polyface.train.quality.QualityRegression}: regression to a per-frame usefulness
 *       target ({@link io.polyface.train.quality.UsefulnessTarget}: cosine of the frame embedding to its
 *       class centre, CR-FIQA style, or to the rest of its set), checked by Spearman's rank correlation
 *       ({@link io.polyface.train.quality.RankCorrelation}) of predicted and target quality on held-out
 *       identities. The faster of the two, and the one the ORL test uses.</li>
 * </ul>
 * Both return a {@link io.polyface.train.quality.TrainedQualityNet}, which exports to ONNX (with its
 * training settings as {@code polyface.training.*} metadata) for {@code
 * io.polyface.aggregation.quality.QualityScorer}.
 *
 * <p><b>Why DJL's Trainer directly.</b> These are small problems (a network of 123 thousand parameters,
 * hundreds to thousands of frames held in memory); each recipe is one readable loop over DJL's {@code
 * Trainer} with {@code Optimizer.adam()}, independent of the project's general training harness.
 */
package io.polyface.train.quality;
