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
 * <p><b>Why DJL's Trainer and Adam, not the project's loop.</b> The project's loop ({@code train.loop.Trainer}) is
 * built for one problem: a spec network trained from images with a margin-loss classifier head, SGD with
 * per-group weight decay, Partial FC memory planning, multi-device sharding, batch-norm recalibration,
 * resumable checkpoints and ONNX export of a spec. The quality net's problems share none of that: the inputs are
 * precomputed frame embeddings held in memory (no image pipeline), recipe (a) trains over sets of frames with a
 * custom block ({@code QanSetBlock}) and recipe (b) is a regression with a mean-squared error, both small enough
 * (123 thousand parameters, seconds to minutes) that resume, sharding and memory planning would be dead weight;
 * Adam with a fixed rate is what small regression heads are usually trained with. Moving them onto the shared
 * loop would mean generalising the loop's model, loss and data interfaces for this one case, so each recipe
 * stays one readable loop over DJL's {@code Trainer} with {@code Optimizer.adam()} ({@code QualityTrainingLoop}).
 */
package io.polyface.train.quality;
