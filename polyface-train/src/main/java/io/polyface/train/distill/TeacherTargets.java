package io.polyface.train.distill;

import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.BilinearResize;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.RgbImage;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The teacher's embeddings of a batch's samples. Without a cache they are computed on exactly the crop the student
 * sees: the batch's augmented pixels are read back through the student's normalisation ({@link NchwTensors#read}),
 * resized to the teacher's input by bilinear resize when the sizes differ, and normalised by the teacher's own
 * preprocessing. With a {@link TeacherCache} they are the teacher's embeddings of the un-augmented images (decoded,
 * resized to the teacher's input), computed once per image content and teacher.
 *
 * <p><b>Prefetch</b> (without a cache, when enabled): {@link #prepare} — called by the trainer's batch loader as soon
 * as batch {@code k + 1} is prepared — starts the teacher's forward pass of that batch on the teacher's own thread
 * ({@code polyface-teacher}, one, started at the first batch), so it runs while the student trains on batch
 * {@code k}; {@link #targets} then takes the result, waiting only if it is not done. Either way the teacher embeds the
 * whole batch in one call and a shard takes its rows, so the targets are bit-identical with and without prefetch
 * (the same session, the same input; which thread runs it does not matter). At most the loader's window of batches
 * is pending. {@link #close()} stops the thread.
 */
public final class TeacherTargets implements AutoCloseable {

    private final OnnxTeacher teacher;
    private final ModelInput studentInput;
    private final FaceDataset dataset;
    private final TeacherCache cache;
    private final boolean prefetch;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private ExecutorService executor;
    private Pending current;

    /** A batch whose targets are being (or have been) computed. */
    private record Pending(HostBatch batch, Future<float[]> targets) {}

    /**
     * Targets computed when the step asks for them (no prefetch).
     *
     * @param teacher the teacher
     * @param studentInput the student's input (its normalisation undoes the batch's)
     * @param dataset the training set the batches index (read only with a cache)
     * @param cache the cache of un-augmented embeddings, or null to embed the student's augmented crops
     */
    public TeacherTargets(OnnxTeacher teacher, ModelInput studentInput, FaceDataset dataset, TeacherCache cache) {
        this(teacher, studentInput, dataset, cache, false);
    }

    /**
     * @param teacher the teacher
     * @param studentInput the student's input (its normalisation undoes the batch's)
     * @param dataset the training set the batches index (read only with a cache)
     * @param cache the cache of un-augmented embeddings, or null to embed the student's augmented crops
     * @param prefetch whether {@link #prepare} starts the teacher on a batch ahead of its step on the teacher's own
     *     thread (used only without a cache)
     */
    public TeacherTargets(OnnxTeacher teacher, ModelInput studentInput, FaceDataset dataset, TeacherCache cache, boolean prefetch) {
        this.teacher = teacher;
        this.studentInput = studentInput;
        this.dataset = dataset;
        this.cache = cache;
        this.prefetch = prefetch && cache == null;
    }

    /** @return whether the teacher runs ahead on its own thread */
    public boolean prefetches() {
        return prefetch;
    }

    /**
     * Starts the teacher on a coming batch on the teacher's thread (nothing without prefetch). Thread-safe.
     *
     * @param batch the batch of a coming step
     */
    public void prepare(HostBatch batch) {
        if (!prefetch || batch.size() == 0) {
            return;
        }
        ExecutorService e;
        synchronized (this) {
            if (executor == null) {
                executor = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "polyface-teacher");
                    t.setDaemon(true);
                    return t;
                });
            }
            e = executor;
        }
        pending.put(batch.step(), new Pending(batch, e.submit(() -> crops(batch))));
    }

    /** @return the teacher's embedding size {@code D} */
    public int embeddingSize() {
        return teacher.embeddingSize();
    }

    /**
     * @param batch the step's batch
     * @param from first row
     * @param to one past the last row
     * @return L2-normalised teacher embeddings, row-major {@code [(to − from)·D]} (not to be changed: without a cache
     *     the whole batch's array may be returned)
     * @throws IllegalArgumentException naming {@code --teacher} if it returns a NaN or zero embedding
     * @throws UncheckedIOException if an image cannot be read (cache mode)
     */
    public float[] targets(HostBatch batch, int from, int to) {
        int d = teacher.embeddingSize();
        if (cache != null) {
            float[] out = new float[(to - from) * d];
            for (int i = from; i < to; i++) {
                int index = batch.indices()[i];
                byte[] bytes;
                try {
                    bytes = dataset.read(index);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String where = dataset.locate(index);
                float[] v = cache.get(bytes, () -> teacher.embed(List.of(toTeacherSize(decode(bytes, where))))[0]);
                System.arraycopy(v, 0, out, (i - from) * d, d);
            }
            return out;
        }
        float[] all = batchTargets(batch);
        return from == 0 && to == batch.size() ? all : Arrays.copyOfRange(all, from * d, to * d);
    }

    /** The teacher's embeddings of all the batch's crops: the prefetched ones, or computed now (once per batch). */
    private synchronized float[] batchTargets(HostBatch batch) {
        if (current != null && current.batch() == batch) {
            return join(current.targets());
        }
        Pending p = pending.remove(batch.step());
        if (p == null || p.batch() != batch) {
            p = new Pending(batch, CompletableFuture.completedFuture(crops(batch)));
        }
        current = p;
        return join(p.targets());
    }

    private static float[] join(Future<float[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the teacher", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The teacher's embeddings of the batch's augmented crops, row-major {@code [n·D]}. */
    private float[] crops(HostBatch batch) {
        int d = teacher.embeddingSize();
        int w = studentInput.width();
        int h = studentInput.height();
        int per = studentInput.sampleFloats();
        List<RgbImage> crops = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            crops.add(toTeacherSize(NchwTensors.read(batch.pixels(), i * per, w, h, studentInput.normalization())));
        }
        float[][] e = teacher.embed(crops);
        float[] out = new float[batch.size() * d];
        for (int i = 0; i < e.length; i++) {
            System.arraycopy(e[i], 0, out, i * d, d);
        }
        return out;
    }

    /** @return the batches whose targets were started ahead and not yet taken (for tests) */
    int pendingBatches() {
        return pending.size();
    }

    /** Stops the teacher's thread; pending batches are dropped. */
    @Override
    public synchronized void close() {
        pending.values().forEach(p -> p.targets().cancel(true));
        pending.clear();
        current = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static RgbImage decode(byte[] bytes, String where) {
        try {
            return ImageDecoder.decode(bytes, where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RgbImage toTeacherSize(RgbImage image) {
        Preprocessing p = teacher.preprocessing();
        return image.width() == p.inputWidth() && image.height() == p.inputHeight() ? image
                : BilinearResize.resize(image, p.inputWidth(), p.inputHeight());
    }
}
