package io.polyface.examples.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.util.SplitMix64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The embedded default dataset: <b>synthetic</b> face identities, cartoon faces drawn with Java2D by
 * {@link SyntheticFaceRenderer}, not photographs of anyone. Nothing is downloaded; any number of identities
 * and images per identity is generated from a seed, identically on every run of the same JDK.
 *
 * <p><b>What it is for.</b> (1) A default that runs anywhere — the demo, the examples and the tests need
 * no data set on disk. (2) Controlled quality for aggregation tests: every image's {@link Nuisance} (blur,
 * noise, occlusion, pose...) is known, so quality-aware aggregation can be checked against the truth.
 * (3) Large identity counts for scale tests (classifier layers, 1:N search), cheaply. It is <b>not</b> a
 * measure of accuracy on real faces: numbers obtained on it say that a pipeline works, not how well it
 * recognises people. To run on real faces, point the commands at an image folder instead, for example the
 * ORL faces in {@code ../shared/data/orl} ({@code bin/polyface demo --data ../shared/data/orl}).
 *
 * <p><b>Determinism.</b> Identity {@code i} is {@link FaceIdentity#sample} of a {@link SplittableRandom}
 * seeded with {@link #streamSeed}{@code (seed, i, 0)}; image {@code j} of that identity uses the nuisance
 * {@link Nuisance#sample} of one seeded with {@code streamSeed(seed, i, j + 1)} at the dataset's difficulty.
 * Every image is thus independent of the others, of the identity count and of the thread count: the first
 * identities of a large set are those of a small set with the same seed.
 *
 * <p><b>On disk</b> ({@link #write}): one sub-folder per identity, named {@link #identityName}, holding
 * {@link #imageName}{@code (j)} PNG files (8-bit RGB, 112×112), plus {@value #MANIFEST} at the top with the
 * generator settings. The folder appears atomically: it is written beside the destination under a
 * temporary name, then renamed.
 *
 * <pre>{@code
 * SyntheticFaceDataset data = SyntheticFaceDataset.builder()
 *         .setIdentities(100).setImagesPerIdentity(10).optSeed(7).build();
 * data.write(Path.of("build/synthetic"));            // 100 folders x 10 PNGs
 * List<SyntheticFaceDataset.Sample> faces = data.generate(0, 10);   // or in memory
 * }</pre>
 */
public final class SyntheticFaceDataset {

    /** Name of the settings file written at the top of the folder. */
    public static final String MANIFEST = "synthetic-faces.json";
    /** Largest number of identities. */
    public static final int MAX_IDENTITIES = 10_000_000;
    /** Largest number of images per identity. */
    public static final int MAX_IMAGES_PER_IDENTITY = 100_000;

    private final int identities;
    private final int imagesPerIdentity;
    private final long seed;
    private final double difficulty;
    private final int threads;
    private final SyntheticFaceRenderer renderer = new SyntheticFaceRenderer();

    private SyntheticFaceDataset(Builder b) {
        this.identities = b.identities;
        this.imagesPerIdentity = b.imagesPerIdentity;
        this.seed = b.seed;
        this.difficulty = b.difficulty;
        this.threads = b.threads;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of identities (classes) */
    public int identities() {
        return identities;
    }

    /** @return the number of images of every identity */
    public int imagesPerIdentity() {
        return imagesPerIdentity;
    }

    /** @return the total number of images, identities × images per identity */
    public long size() {
        return (long) identities * imagesPerIdentity;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the nuisance strength, see {@link Nuisance#sample(java.util.random.RandomGenerator, double)} */
    public double difficulty() {
        return difficulty;
    }

    /** @return the number of threads {@link #write} uses */
    public int threads() {
        return threads;
    }

    /**
     * The identity parameters of one identity.
     *
     * @param identity index, 0..identities−1
     * @return the identity
     * @throws IllegalArgumentException if the index is out of range
     */
    public FaceIdentity identity(int identity) {
        checkIdentity(identity);
        return FaceIdentity.sample(new SplittableRandom(streamSeed(seed, identity, 0)));
    }

    /**
     * The per-image parameters of one image.
     *
     * @param identity identity index, 0..identities−1
     * @param image image index within the identity, 0..imagesPerIdentity−1
     * @return the nuisance
     * @throws IllegalArgumentException if an index is out of range
     */
    public Nuisance nuisance(int identity, int image) {
        checkIdentity(identity);
        checkImage(image);
        return Nuisance.sample(new SplittableRandom(streamSeed(seed, identity, image + 1L)), difficulty);
    }

    /**
     * Renders one image.
     *
     * @param identity identity index, 0..identities−1
     * @param image image index within the identity, 0..imagesPerIdentity−1
     * @return the 112×112 image, values 0..255
     * @throws IllegalArgumentException if an index is out of range
     */
    public RgbImage image(int identity, int image) {
        return renderer.render(identity(identity), nuisance(identity, image));
    }

    /**
     * Renders every image of every identity in memory, on the calling thread. Each image takes about 150 KB
     * (112·112·3 floats), so this is for small sets; large ones go to disk with {@link #write}.
     *
     * @return the samples, identity by identity, images in order; {@code size()} of them
     * @throws IllegalArgumentException if there are more than {@link Integer#MAX_VALUE} images
     */
    public List<Sample> generate() {
        return generate(0, identities);
    }

    /**
     * Renders the images of identities {@code from} (inclusive) to {@code to} (exclusive) in memory.
     *
     * @param from first identity
     * @param to one past the last identity
     * @return the samples, identity by identity, images in order
     * @throws IllegalArgumentException if the range is empty, reversed, outside 0..identities, or too large for a list
     */
    public List<Sample> generate(int from, int to) {
        if (from < 0 || to > identities || from >= to) {
            throw new IllegalArgumentException("identity range [" + from + ", " + to + "): expected 0 <= from < to <= "
                    + identities);
        }
        long count = (long) (to - from) * imagesPerIdentity;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("identity range [" + from + ", " + to + ") holds " + count
                    + " images, too many for one list; use a smaller range");
        }
        List<Sample> out = new ArrayList<>((int) count);
        for (int i = from; i < to; i++) {
            FaceIdentity id = identity(i);
            for (int j = 0; j < imagesPerIdentity; j++) {
                out.add(new Sample(i, j, renderer.render(id, nuisance(i, j))));
            }
        }
        return out;
    }

    /**
     * A grid of the first images of the first identities, one identity per row, for a quick look.
     *
     * @param rows identities shown (at most {@link #identities()} are)
     * @param columns images per identity shown (at most {@link #imagesPerIdentity()} are)
     * @return the contact sheet ({@link ContactSheet#tile} with a 2-pixel white gap)
     * @throws IllegalArgumentException if rows or columns is less than 1
     */
    public RgbImage contactSheet(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("contact sheet " + rows + " rows x " + columns + " columns: expected >= 1 each");
        }
        List<List<RgbImage>> grid = new ArrayList<>();
        for (int i = 0; i < Math.min(rows, identities); i++) {
            FaceIdentity id = identity(i);
            List<RgbImage> row = new ArrayList<>();
            for (int j = 0; j < Math.min(columns, imagesPerIdentity); j++) {
                row.add(renderer.render(id, nuisance(i, j)));
            }
            grid.add(row);
        }
        return ContactSheet.tile(grid, 2, 255);
    }

    /**
     * The folder name of an identity: {@code id} and the index zero-padded to at least 5 digits (more when
     * the count needs them), so that names sort in index order.
     *
     * @param identity identity index, 0..identities−1
     * @return for example {@code id00042}
     * @throws IllegalArgumentException if the index is out of range
     */
    public String identityName(int identity) {
        checkIdentity(identity);
        return "id" + pad(identity, Math.max(5, digits(identities - 1)));
    }

    /**
     * The file name of an image within its identity's folder: the index zero-padded to at least 3 digits, {@code .png}.
     *
     * @param image image index, 0..imagesPerIdentity−1
     * @return for example {@code 007.png}
     * @throws IllegalArgumentException if the index is out of range
     */
    public String imageName(int image) {
        checkImage(image);
        return pad(image, Math.max(3, digits(imagesPerIdentity - 1))) + ".png";
    }

    /**
     * Writes the dataset as an image folder; see {@link #write(Path, LongConsumer)}.
     *
     * @param dir the destination folder (must not exist, or be empty)
     * @return what was written
     * @throws IOException if the folder exists and is not empty, or a file cannot be written
     */
    public WriteSummary write(Path dir) throws IOException {
        return write(dir, done -> { });
    }

    /**
     * Writes the dataset as an image folder: {@code dir/<identityName>/<imageName>} PNG files and
     * {@code dir/}{@value #MANIFEST}. Images are rendered by {@link #threads()} threads, one identity per task;
     * the files do not depend on the thread count. Everything is written into a temporary folder beside
     * {@code dir} which is then renamed to {@code dir} ({@link AtomicFileWriter#commit}), so a reader
     * never sees a half-written set; on failure the temporary folder is removed.
     *
     * @param dir the destination folder; it must not exist or be an empty folder (it is then replaced)
     * @param progress called on the calling thread (so it need not be thread-safe) with the number of images
     *     written so far, after each identity; an exception it throws aborts the write
     * @return what was written, with timings
     * @throws FileAlreadyExistsException if {@code dir} exists and is not an empty folder
     * @throws IOException if a file cannot be written or the rename fails
     * @throws IllegalArgumentException if an argument is null
     */
    public WriteSummary write(Path dir, LongConsumer progress) throws IOException {
        Ranges.checkNotNull("dir", dir);
        Ranges.checkNotNull("progress", progress);
        Path target = dir.toAbsolutePath().normalize();
        checkWritable(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = AtomicFileWriter.newTemporaryFolder(parent, "." + target.getFileName() + ".tmp-");
        long start = System.nanoTime();
        boolean done = false;
        try {
            Written written = writeImages(tmp, progress);
            writeManifest(tmp.resolve(MANIFEST));
            checkWritable(target);
            Files.deleteIfExists(target); // only an empty folder can be here after the check
            AtomicFileWriter.commit(tmp, target);
            done = true;
            double seconds = (System.nanoTime() - start) / 1e9;
            return new WriteSummary(target, identities, imagesPerIdentity, size(), written.bytes(), seconds,
                    written.cpuNanos() < 0 ? Double.NaN : written.cpuNanos() / 1e9, threads);
        } finally {
            if (!done) {
                AtomicFileWriter.deleteTree(tmp);
            }
        }
    }

    /**
     * PNG bytes written and worker CPU time.
     *
     * @param bytes total PNG bytes
     * @param cpuNanos summed CPU time of the tasks, nanoseconds, or −1 if the JVM cannot measure thread CPU time
     */
    private record Written(long bytes, long cpuNanos) {}

    private Written writeImages(Path root, LongConsumer progress) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synthetic-faces");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Written> tasks = new ExecutorCompletionService<>(pool);
            // submit lazily so that a huge identity count does not queue millions of tasks at once
            int submitted = 0;
            int window = threads * 4;
            for (; submitted < Math.min(window, identities); submitted++) {
                tasks.submit(writeIdentityTask(root, submitted, cpu ? mx : null));
            }
            long bytes = 0;
            long cpuNanos = cpu ? 0 : -1;
            long images = 0;
            for (int finished = 0; finished < identities; finished++) {
                Written w = take(tasks);
                bytes += w.bytes();
                if (cpu) {
                    cpuNanos += w.cpuNanos();
                }
                images += imagesPerIdentity;
                progress.accept(images);
                if (submitted < identities) {
                    tasks.submit(writeIdentityTask(root, submitted++, cpu ? mx : null));
                }
            }
            return new Written(bytes, cpuNanos);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool); // no worker may still be writing when the caller removes a failed folder
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("synthetic-face workers did not stop within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Callable<Written> writeIdentityTask(Path root, int identity, ThreadMXBean mx) {
        return () -> {
            long cpu0 = mx == null ? 0 : mx.getCurrentThreadCpuTime();
            Path folder = Files.createDirectory(root.resolve(identityName(identity)));
            FaceIdentity id = identity(identity);
            long bytes = 0;
            for (int j = 0; j < imagesPerIdentity; j++) {
                byte[] png = ImageEncoder.toPng(renderer.render(id, nuisance(identity, j)));
                // the enclosing folder is renamed into place atomically, so each file is written directly
                Files.write(folder.resolve(imageName(j)), png);
                bytes += png.length;
            }
            long cpu1 = mx == null ? 0 : mx.getCurrentThreadCpuTime();
            return new Written(bytes, cpu1 - cpu0);
        };
    }

    private static Written take(CompletionService<Written> tasks) throws IOException {
        try {
            return tasks.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing synthetic faces");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("writing synthetic faces failed", cause);
        }
    }

    private void writeManifest(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", "PolyFace synthetic faces (cartoon faces drawn with Java2D; not photographs of people)");
        m.put("generator", SyntheticFaceDataset.class.getName());
        m.put("seed", seed);
        m.put("identities", identities);
        m.put("images_per_identity", imagesPerIdentity);
        m.put("difficulty", difficulty);
        m.put("image_width", SyntheticFaceRenderer.SIZE);
        m.put("image_height", SyntheticFaceRenderer.SIZE);
        m.put("layout", "<identity folder>/<image>.png, 8-bit RGB, roughly aligned to the ArcFace 112x112 template");
        m.put("java_version", System.getProperty("java.version"));
        Files.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
    }

    private static void checkWritable(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new NotDirectoryException(target + " exists and is not a folder; choose a new output folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            if (entries.iterator().hasNext()) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "the output folder exists and is not empty; choose a new one or remove it");
            }
        }
    }

    /**
     * The seed of one random stream: SplitMix64's finaliser (Steele, Lea, Flood, "Fast splittable
     * pseudorandom number generators", OOPSLA 2014) applied twice, mixing in {@code a} then {@code b}, so
     * that nearby indices give unrelated streams.
     *
     * @param seed the dataset seed
     * @param a first index (the identity)
     * @param b second index (0 for the identity, image index + 1 for an image)
     * @return the stream's seed
     */
    public static long streamSeed(long seed, long a, long b) {
        return SplitMix64.mix64(SplitMix64.mix64(seed + SplitMix64.GOLDEN_GAMMA * (a + 1)) + SplitMix64.GOLDEN_GAMMA * (b + 1));
    }

    private void checkIdentity(int identity) {
        if (identity < 0 || identity >= identities) {
            throw new IllegalArgumentException("identity " + identity + ": expected 0.." + (identities - 1));
        }
    }

    private void checkImage(int image) {
        if (image < 0 || image >= imagesPerIdentity) {
            throw new IllegalArgumentException("image " + image + ": expected 0.." + (imagesPerIdentity - 1));
        }
    }

    private static int digits(int n) {
        return Integer.toString(Math.max(0, n)).length();
    }

    private static String pad(int n, int width) {
        String s = Integer.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /**
     * One generated image with its label.
     *
     * @param label identity index (the class label), 0..identities−1
     * @param index image index within the identity
     * @param image the 112×112 image
     */
    public record Sample(int label, int index, RgbImage image) {}

    /**
     * What {@link #write} produced.
     *
     * @param dir the folder written
     * @param identities number of identity folders
     * @param imagesPerIdentity PNG files per folder
     * @param images total PNG files
     * @param pngBytes total size of the PNG files, bytes
     * @param seconds wall-clock time of the whole write, seconds
     * @param cpuSeconds CPU time the worker threads spent rendering, encoding and writing, seconds (NaN if the JVM cannot measure it)
     * @param threads worker threads used
     */
    public record WriteSummary(Path dir, int identities, int imagesPerIdentity, long images, long pngBytes,
                               double seconds, double cpuSeconds, int threads) {
        /** @return images per wall-clock second */
        public double imagesPerSecond() {
            return images / Math.max(seconds, 1e-9);
        }

        /** @return images per second of one core's CPU time (NaN if not measured) */
        public double imagesPerCpuSecond() {
            return images / cpuSeconds;
        }
    }

    /** Builder: {@code setIdentities} and {@code setImagesPerIdentity} are required. */
    public static final class Builder {
        private static final int UNSET = Integer.MIN_VALUE;
        private int identities = UNSET;
        private int imagesPerIdentity = UNSET;
        private long seed;
        private double difficulty = 1;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /**
         * @param identities number of identities, 1..{@value #MAX_IDENTITIES}
         * @return this builder
         */
        public Builder setIdentities(int identities) {
            this.identities = identities;
            return this;
        }

        /**
         * @param imagesPerIdentity images of every identity, 1..{@value #MAX_IMAGES_PER_IDENTITY}
         * @return this builder
         */
        public Builder setImagesPerIdentity(int imagesPerIdentity) {
            this.imagesPerIdentity = imagesPerIdentity;
            return this;
        }

        /**
         * @param seed the seed (default 0)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param difficulty nuisance strength in [0, {@link Nuisance#MAX_DIFFICULTY}] (default 1; 0 = every image of
         *     an identity identical)
         * @return this builder
         */
        public Builder optDifficulty(double difficulty) {
            this.difficulty = difficulty;
            return this;
        }

        /**
         * @param threads worker threads for {@link #write}, ≥ 1 (default: the available processors)
         * @return this builder
         */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * @return the dataset
         * @throws IllegalArgumentException naming the setting if one is missing or out of range
         */
        public SyntheticFaceDataset build() {
            if (identities < 1 || identities > MAX_IDENTITIES) {
                throw new IllegalArgumentException("identities " + (identities == UNSET ? "not set" : "= " + identities)
                        + ": expected 1.." + MAX_IDENTITIES + " (setIdentities)");
            }
            if (imagesPerIdentity < 1 || imagesPerIdentity > MAX_IMAGES_PER_IDENTITY) {
                throw new IllegalArgumentException("images per identity " + (imagesPerIdentity == UNSET ? "not set" : "= " + imagesPerIdentity)
                        + ": expected 1.." + MAX_IMAGES_PER_IDENTITY + " (setImagesPerIdentity)");
            }
            Ranges.check("difficulty", difficulty, 0, Nuisance.MAX_DIFFICULTY);
            if (threads < 1) {
                throw new IllegalArgumentException("threads = " + threads + ": expected >= 1");
            }
            return new SyntheticFaceDataset(this);
        }
    }
}
