package io.polyface.train.quality;

import io.polyface.core.util.SelfTypedBuilder;

/**
 * The settings both quality recipes ({@link QualityRegression}, {@link QanSetTraining}) take for the shared loop
 * ({@code QualityTrainingLoop}): epochs, Adam's learning rate and weight decay, flip augmentation and the seed.
 * Each recipe's {@code builder()} documents its defaults.
 *
 * @param <B> the concrete builder
 */
public abstract class QualityRecipeBuilder<B extends QualityRecipeBuilder<B>> extends SelfTypedBuilder<B> {

    private int epochs;
    private float learningRate = 1e-3f;
    private float weightDecay = 5e-4f;
    private boolean flipAugmentation = true;
    private long seed;

    QualityRecipeBuilder(Class<B> selfType, int epochs) {
        super(selfType);
        this.epochs = epochs;
    }

    /**
     * @param epochs passes over the training items (frames or tracks), {@code >= 1}; default: the recipe's
     * @return this builder
     */
    public B optEpochs(int epochs) {
        this.epochs = epochs;
        return self();
    }

    /**
     * @param learningRate Adam's learning rate, {@code > 0}; default 1e-3
     * @return this builder
     */
    public B optLearningRate(float learningRate) {
        this.learningRate = learningRate;
        return self();
    }

    /**
     * @param weightDecay L2 weight decay, {@code >= 0}; default 5e-4
     * @return this builder
     */
    public B optWeightDecay(float weightDecay) {
        this.weightDecay = weightDecay;
        return self();
    }

    /**
     * @param flipAugmentation whether each crop is mirrored with probability ½; default true
     * @return this builder
     */
    public B optFlipAugmentation(boolean flipAugmentation) {
        this.flipAugmentation = flipAugmentation;
        return self();
    }

    /**
     * @param seed seed of the initialisation, batch order (set sampling) and augmentation; default 0
     * @return this builder
     */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Validates the shared settings.
     *
     * @return them as the loop's settings
     * @throws IllegalArgumentException naming the setting, its value and the expected range
     */
    QualityTrainingLoop.Settings settings() {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs " + epochs + ": expected >= 1");
        }
        QualityTrainingLoop.checkAdam(learningRate, weightDecay);
        return new QualityTrainingLoop.Settings(epochs, learningRate, weightDecay, flipAugmentation, seed);
    }
}
