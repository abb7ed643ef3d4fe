package io.polyface.train.quality;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.QualityNet;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.Normalization;
import io.polyface.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** What both recipes share: the network's spec and input convention, tensors, the optimiser, seeding. */
final class QualityNets {

    private QualityNets() {}

    /** The {@code qan-quality} spec ({@code shared/spec/architectures.md}, quality net). */
    static ArchSpec spec() {
        return QualityNet.spec();
    }

    /** The spec's input convention (BGR, raw 0..255 pixels for qan-quality). */
    static Normalization normalization(ArchSpec spec) {
        return Normalization.of(ChannelOrder.parse(spec.channelOrder()), (float) spec.mean(), (float) spec.std());
    }

    /**
     * Checks that the crops have the network's input size.
     *
     * @throws IllegalArgumentException naming the size found and the size expected
     */
    static void checkCropSize(ArchSpec spec, RgbImage crop) {
        if (crop.width() != spec.input().width() || crop.height() != spec.input().height()) {
            throw new IllegalArgumentException("crops are " + crop.width() + "x" + crop.height() + " but " + spec.name()
                    + " takes " + spec.input().width() + "x" + spec.input().height() + " aligned frames");
        }
    }

    /** {@code [B, 3, H, W]} in {@code manager}, each crop mirrored with probability 1/2 when {@code random} is given. */
    static NDArray tensor(NDManager manager, ArchSpec spec, List<RgbImage> crops, RandomGenerator random) {
        List<RgbImage> batch = crops;
        if (random != null) {
            batch = new ArrayList<>(crops.size());
            for (RgbImage c : crops) {
                batch.add(random.nextBoolean() ? c.flipHorizontal() : c);
            }
        }
        return NchwTensors.toNDArray(manager, batch, normalization(spec));
    }

    /** Adam (Kingma and Ba, ICLR 2015) with a fixed learning rate and L2 weight decay. */
    static Optimizer adam(float learningRate, float weightDecay) {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).optWeightDecays(weightDecay).build();
    }

    /** Seeds the engine's generator (parameter initialisation) for reproducible runs. */
    static void seedEngine(long seed) {
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
