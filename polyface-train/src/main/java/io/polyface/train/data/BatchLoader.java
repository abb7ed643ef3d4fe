package io.polyface.train.data;

import io.polyface.core.image.CorruptImageException;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.image.RgbImage;
import io.polyface.core.util.Checks;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.random.Seeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads, decodes, resizes, augments and normalises batches in worker threads ahead of the training
 * loop, so the engine does not wait for the CPU work: up to {@code prefetch} batches are in flight
 * (the bounded queue), each prepared by one worker, and {@link #next()} hands them over in step order.
 * Because sample {@code i} of step {@code t} is augmented with the generator
 * {@code Seeds.random(seed, AUGMENT, t, i)}, the batches are identical whatever the number of workers
 * or their scheduling.
 *
 * <p>An image that cannot be read or decoded goes to the {@link CorruptImagePolicy}: by default it is counted and
 * left out of its batch; in strict mode the first one fails the run with a {@link CorruptImageException} naming
 * the file (and byte offset). A batch whose every image fails is an error in both modes, unless the loader
 * {@linkplain Builder#optAllowEmptyBatches allows empty batches} (embedding and recalibration passes do).
 */
public final class BatchLoader implements AutoCloseable {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final FaceDataset dataset;
    private final SamplePreprocessor preprocessor;
    private final BatchPlan plan;
    private final long seed;
    private final CorruptImagePolicy corrupt;
    private final boolean allowEmpty;
    private final int prefetch;
    private final Consumer<HostBatch> onReady;
    private final ExecutorService workers;
    private final Deque<Future<HostBatch>> window = new ArrayDeque<>();
    private long nextSubmit;
    private long nextDeliver;

    private BatchLoader(Builder b) {
        this.dataset = b.dataset;
        this.preprocessor = b.preprocessor;
        this.plan = b.plan;
        this.seed = b.seed;
        this.corrupt = b.corrupt;
        this.allowEmpty = b.allowEmpty;
        this.prefetch = b.prefetch;
        this.onReady = b.onReady;
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "polyface-loader-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(b.workers, factory);
        this.nextSubmit = b.startStep;
        this.nextDeliver = b.startStep;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the step of the batch {@link #next()} returns */
    public long nextStep() {
        return nextDeliver;
    }

    /** @return whether the plan has a batch left */
    public boolean hasNext() {
        return nextDeliver < plan.steps();
    }

    /** @return the policy for corrupt images, with its count */
    public CorruptImagePolicy corruptImages() {
        return corrupt;
    }

    /**
     * Returns the next batch, waiting for it if the workers are behind.
     *
     * @return the batch of step {@link #nextStep()}
     * @throws CorruptImageException in strict mode, for the first image that fails (naming it)
     * @throws IOException if every image of the batch failed and empty batches are not allowed
     * @throws IllegalStateException if the plan has no batch left
     */
    public HostBatch next() throws IOException {
        if (!hasNext()) {
            throw new IllegalStateException("the batch plan has no step " + nextDeliver);
        }
        fill();
        Future<HostBatch> f = window.pollFirst();
        nextDeliver++;
        fill();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    private void fill() {
        while (window.size() < prefetch && nextSubmit < plan.steps()) {
            long step = nextSubmit++;
            int[] indices = plan.indices(step);
            window.addLast(workers.submit(() -> load(step, indices)));
        }
    }

    private HostBatch load(long step, int[] indices) {
        int per = preprocessor.input().sampleFloats();
        float[] pixels = new float[indices.length * per];
        int[] labels = new int[indices.length];
        int[] kept = new int[indices.length];
        int n = 0;
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            SplittableRandom random = Seeds.random(seed, Seeds.AUGMENT, step, i);
            RgbImage image;
            try {
                image = preprocessor.prepare(dataset.read(index), dataset.locate(index), random);
            } catch (IOException | RuntimeException e) {
                try {
                    corrupt.reject(dataset.locate(index), e);
                } catch (CorruptImageException strict) {
                    throw new UncheckedIOException(strict);
                }
                continue;
            }
            preprocessor.write(image, pixels, n * per);
            labels[n] = dataset.label(index);
            kept[n] = index;
            n++;
        }
        if (n == 0 && !allowEmpty) {
            throw new UncheckedIOException(new IOException("no image of the batch of step " + step + " could be read or decoded ("
                    + indices.length + " failed; first: " + dataset.locate(indices[0]) + ")"));
        }
        if (n < indices.length) {
            pixels = Arrays.copyOf(pixels, n * per);
            labels = Arrays.copyOf(labels, n);
            kept = Arrays.copyOf(kept, n);
        }
        HostBatch batch = new HostBatch(step, pixels, labels, kept, indices.length - n);
        if (onReady != null) {
            onReady.accept(batch);
        }
        return batch;
    }

    /** Stops the workers; batches in flight are dropped. */
    @Override
    public void close() {
        for (Future<HostBatch> f : window) {
            f.cancel(true);
        }
        window.clear();
        workers.shutdownNow();
    }

    /** Builder; {@code setDataset}, {@code setPreprocessor} and {@code setPlan} are required. */
    public static final class Builder {
        private FaceDataset dataset;
        private SamplePreprocessor preprocessor;
        private BatchPlan plan;
        private long seed;
        private long startStep;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        private int prefetch = -1;
        private CorruptImagePolicy corrupt = CorruptImagePolicy.skipAndCount();
        private boolean allowEmpty;
        private Consumer<HostBatch> onReady;

        Builder() {}

        /**
         * @param dataset the images
         * @return this
         */
        public Builder setDataset(FaceDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * @param preprocessor decode, resize, augment, normalise
         * @return this
         */
        public Builder setPreprocessor(SamplePreprocessor preprocessor) {
            this.preprocessor = preprocessor;
            return this;
        }

        /**
         * @param input the model input (with no augmentation)
         * @param augmentation the augmentations
         * @return this
         */
        public Builder setPreprocessor(ModelInput input, AugmentationPipeline augmentation) {
            return setPreprocessor(new SamplePreprocessor(input, augmentation));
        }

        /**
         * @param plan the batches of each step
         * @return this
         */
        public Builder setPlan(BatchPlan plan) {
            this.plan = plan;
            return this;
        }

        /**
         * @param seed the run's seed (augmentation draws; default 0)
         * @return this
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param startStep the first step delivered (a resumed run starts where it stopped; default 0)
         * @return this
         */
        public Builder optStartStep(long startStep) {
            this.startStep = startStep;
            return this;
        }

        /**
         * @param workers worker threads (default: processors − 1, at least 1)
         * @return this
         */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * @param prefetch batches in flight (default: workers + 1)
         * @return this
         */
        public Builder optPrefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * @param policy what to do with an image that cannot be read or decoded, and where it is counted (default: a
         *     new {@link CorruptImagePolicy#skipAndCount()}); a run passes its one policy to every loader
         * @return this
         */
        public Builder optCorruptImagePolicy(CorruptImagePolicy policy) {
            this.corrupt = policy;
            return this;
        }

        /**
         * @param allowEmpty deliver a batch of no image when every image of a planned batch was skipped, instead of
         *     failing (default false: a training step needs images)
         * @return this
         */
        public Builder optAllowEmptyBatches(boolean allowEmpty) {
            this.allowEmpty = allowEmpty;
            return this;
        }

        /**
         * @param onReady called with each batch as soon as a worker has prepared it, on that worker's thread, ahead of
         *     its {@link #next()} (up to {@code prefetch} batches ahead): e.g. a distillation objective starts the
         *     teacher's forward pass of the batch on its own thread. It must be quick and must not change the batch
         *     (default: none)
         * @return this
         */
        public Builder optOnReady(Consumer<HostBatch> onReady) {
            this.onReady = onReady;
            return this;
        }

        /**
         * @return the loader (its workers start at the first {@link #next()})
         * @throws IllegalArgumentException if a required setting is missing or a count is not positive
         */
        public BatchLoader build() {
            if (dataset == null || preprocessor == null || plan == null) {
                throw new IllegalArgumentException("BatchLoader needs setDataset, setPreprocessor and setPlan");
            }
            Checks.requireAtLeast("workers", workers, 1);
            if (prefetch == -1) {
                prefetch = workers + 1;
            }
            Checks.requireAtLeast("prefetch", prefetch, 1);
            Checks.requireAtLeast("start step", startStep, 0);
            if (corrupt == null) {
                throw new IllegalArgumentException("corrupt-image policy must not be null");
            }
            return new BatchLoader(this);
        }
    }
}
