package io.polyface.bench.peer;

import io.polyface.bench.train.TrainStepBenchmark;
import io.polyface.core.arch.ArchSpec;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainingConfig;

import java.io.IOException;

/** Our training step, {@link Trainer#step()}, as the peer runner times it. */
final class OursTraining {

    private OursTraining() {}

    /**
     * A trainer on a fixed random batch ({@link FixedBatchFaces}): {@link TrainStepBenchmark}'s settings, no
     * augmentation, SGD with momentum 0.9 and weight decay 5e-4, one loader thread.
     *
     * @param spec the network
     * @param loss margin loss name, e.g. {@code arcnegface}
     * @param batch batch size
     * @param classes classes of the margin head
     * @param channelsLast channels-last (NHWC) batches, else NCHW
     * @return the trainer (close it)
     * @throws IOException if the trainer cannot start
     */
    static Trainer fixedBatch(ArchSpec spec, String loss, int batch, int classes, boolean channelsLast) throws IOException {
        TrainingConfig config = TrainStepBenchmark.config(spec, loss, batch, 1).optAugmentation(AugmentationPipeline.NONE)
                .optChannelsLast(channelsLast).optMomentum(0.9).optWeightDecay(5e-4).build();
        return Trainer.builder().setConfig(config).setTrainingSet(new FixedBatchFaces(classes, batch, spec.input().height(), 1)).build();
    }

    /**
     * {@link TrainStepBenchmark} as JMH runs it (ORL faces read and augmented by the loader, the shipped recipe's
     * settings), set up.
     *
     * @param arch the network's name
     * @param loss margin loss name
     * @param batch batch size
     * @return the benchmark after its trial set-up (call {@code tearDown()})
     * @throws IOException if ORL cannot be read
     */
    static TrainStepBenchmark realData(String arch, String loss, int batch) throws IOException {
        TrainStepBenchmark b = new TrainStepBenchmark();
        b.arch = arch;
        b.loss = loss;
        b.batch = batch;
        b.workers = 1;
        b.setUp();
        return b;
    }
}
