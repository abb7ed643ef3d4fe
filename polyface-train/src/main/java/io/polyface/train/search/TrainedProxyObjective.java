package io.polyface.train.search;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.search.Candidate;
import io.polyface.core.search.Objective;
import io.polyface.core.search.SearchContext;
import io.polyface.core.util.OrderedMaps;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.loop.NonFiniteLossException;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainingConfig;
import io.polyface.train.recipe.RecipeJson;
import io.polyface.train.loop.TrainingSummary;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The trained proxy: a candidate's quality estimated by training it briefly from scratch on a proxy dataset and
 * measuring face verification on identities it never saw. This is low-fidelity performance estimation as in the NAS
 * literature (short training on a proxy task, ranked by held-out accuracy; Elsken, Metzen &amp; Hutter, "Neural
 * Architecture Search: A Survey", JMLR 2019, §4; MnasNet, Tan et al., CVPR 2019, trains each sampled model 5 epochs),
 * here ranked by held-out TAR@FAR, the metric of the LFR challenge.
 *
 * <p>For each candidate: the last {@link TrainedProxyConfig#heldOutIdentities()} identities of the proxy dataset are
 * held out ({@link IdentitySplit#holdOutLast}); the candidate's spec is trained with the harness ({@link Trainer}:
 * SGD with momentum 0.9, cosine schedule from {@link TrainedProxyConfig#learningRate()}, the configured margin loss,
 * {@link TrainedProxyConfig#steps()} steps of {@link TrainedProxyConfig#batchSize()} images); batch-norm statistics
 * are recomputed; all pairs of the held-out images are scored by cosine similarity (core's exact TAR@FAR rule).
 *
 * <p><b>Score</b> (dimensionless, in [0, 1], higher is better): {@code (G·TAR + m/2) / (G + 1/2)}, where
 * {@code TAR} is the held-out TAR at {@link TrainedProxyConfig#far()} (default 1e-2), {@code G} the number of genuine
 * pairs (so {@code G·TAR} is the integer count of accepted genuine pairs) and {@code m} the mean TAR at FAR 1e-3,
 * 1e-2 and 1e-1. The candidate with more accepted genuine pairs always scores higher (the tie-break term is below
 * one count); equal counts are ordered by {@code m}, a coarse area under the ROC curve. The score differs from the
 * TAR by at most {@code 1/(2G + 1)} (0.0011 for ORL's 450 held-out genuine pairs). A run whose loss or gradient
 * becomes NaN or infinite scores 0 (reported as {@code diverged}).
 *
 * <p>Deterministic: weights, sample order, augmentation and dropout derive from the search's seed (the same for every
 * candidate, so candidates see the same batches); on the CPU the same seed and the same number of PyTorch intra-op
 * threads give the same score. Another thread count sums in another order, and a short run at a high learning rate
 * amplifies the difference (measured on ORL at the defaults: one TAR@1e-2 went from 0.536 with two threads to 0.402
 * with one), so differences between close candidates of this size are of the order of the proxy's noise; more steps
 * or a larger proxy dataset sharpen it. Expensive (about 30 s per candidate of 0.1 GFLOPs at the defaults on one CPU
 * thread), so it is meant for {@link io.polyface.core.search.Search.Builder#optRerank} over the top k of a cheap
 * objective, not for enumerating a space. Every DJL resource of a measurement is released
 * before it returns. Not thread-safe (one {@link Trainer} at a time per JVM); the proxy dataset is not closed by it.
 */
public final class TrainedProxyObjective implements Objective {

    /** The FARs whose mean TAR breaks ties. */
    public static final List<Double> TIE_BREAK_FARS = List.of(1e-3, 1e-2, 1e-1);

    private final FaceDataset data;
    private final IdentitySplit split;
    private final TrainedProxyConfig config;
    private final List<Double> fars;
    private final Consumer<String> progress;
    private final StopRequest stop;
    private final Map<Map<String, Object>, ProxyScore> measured = new LinkedHashMap<>();

    private TrainedProxyObjective(Builder b) {
        this.data = b.data;
        this.config = b.config;
        this.progress = b.progress;
        this.stop = b.stop;
        this.split = IdentitySplit.holdOutLast(b.data, b.config.heldOutIdentities());
        TreeSet<Double> f = new TreeSet<>(TIE_BREAK_FARS);
        f.add(config.far());
        this.fars = List.copyOf(f);
    }

    /** @return a builder ({@link TrainedProxyConfig#defaults()}) */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return "trained-proxy";
    }

    /**
     * Trains the candidate briefly and scores it on the held-out identities ({@link #measure}) with the search's seed.
     *
     * @param candidate the candidate
     * @param context the search (its seed seeds the training)
     * @return the score in [0, 1] (see the class description)
     * @throws UncheckedIOException if a proxy image cannot be read
     * @throws IllegalArgumentException if the candidate cannot be trained (e.g. its classifier does not fit the memory budget)
     */
    @Override
    public double score(Candidate candidate, SearchContext context) {
        ProxyScore s = measure(candidate.spec(), context.seed(), candidate.values().toString());
        measured.put(candidate.values(), s);
        return s.score();
    }

    /**
     * Trains a spec briefly on the training identities and measures it on the held-out ones.
     *
     * @param spec the architecture (its training graph must output the embedding)
     * @param seed the training seed
     * @return the measurement
     * @throws UncheckedIOException if a proxy image cannot be read
     * @throws IllegalArgumentException if the spec cannot be trained (no embedding output, classifier over the memory budget)
     */
    public ProxyScore measure(ArchSpec spec, long seed) {
        return measure(spec, seed, spec.name());
    }

    private ProxyScore measure(ArchSpec spec, long seed, String label) {
        long start = System.nanoTime();
        report(String.format(Locale.ROOT, "training %s: %d steps of %d images on %d identities, seed %d", label, config.steps(),
                config.batchSize(), split.train().labels().size(), seed));
        ProxyScore s = train(spec, seed, start);
        report(s.diverged() ? String.format(Locale.ROOT, "diverged (score 0), %.1f s", s.seconds())
                : String.format(Locale.ROOT, "held-out TAR@FAR=%s %.4f (mean TAR %.4f), training loss %.4g, %.1f s",
                        EvaluationResult.farKey(s.far()), s.tar(), s.meanTar(), s.meanLoss(), s.seconds()));
        return s;
    }

    private void report(String line) {
        if (progress != null) {
            progress.accept(line);
        }
    }

    private ProxyScore train(ArchSpec spec, long seed, long start) {
        // small-data's optimiser settings (SGD momentum, weight decay) with the proxy's own loss (its default options), batch,
        // learning rate and augmentation
        TrainingConfig tc = RecipeJson.shipped(RecipeJson.DEFAULT).toConfig(spec, config.steps()).toBuilder().optLoss(config.loss())
                .optLossOptions(Map.of()).optBatchSize(config.batchSize()).optLearningRate(config.learningRate()).optSchedule("cosine").optSeed(seed)
                .optAugmentation(config.augmentation()).optWorkers(config.workers())
                .optBnRecalibrationBatches(config.bnRecalibrationBatches()).optEvalEvery(0).optEvalFars(fars).build();
        try (Trainer trainer = Trainer.builder().setConfig(tc).setTrainingSet(split.train()).optHeldOutSet(split.heldOut())
                .optStopRequest(stop).build()) {
            TrainingSummary summary;
            try {
                summary = trainer.train();
            } catch (NonFiniteLossException e) {
                return new ProxyScore(spec.name(), seed, 0, config.far(), 0, 0, 0, 0, true, Double.NaN, Double.NaN, seconds(start));
            }
            if (summary.steps() < config.steps()) {
                throw new StoppedException(stop, "while training the proxy of " + spec.name() + " (step " + summary.steps() + " of "
                        + config.steps() + "; a search keeps no checkpoint and starts over)", null);
            }
            EvaluationResult held = summary.evaluations().stream().filter(r -> r.set().equals("held-out")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the trainer did not evaluate the held-out identities"));
            OperatingPoint at = point(held, config.far());
            double meanTar = TIE_BREAK_FARS.stream().mapToDouble(f -> point(held, f).tar()).average().orElseThrow();
            long g = held.genuinePairs();
            double score = (at.genuineAccepted() + meanTar / 2) / (g + 0.5);
            return new ProxyScore(spec.name(), seed, at.tar(), config.far(), g, held.impostorPairs(), meanTar, score, false,
                    summary.meanLoss(), summary.accuracy(), seconds(start));
        } catch (IOException e) {
            throw new UncheckedIOException("trained proxy on " + data.description() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param candidate a candidate this objective scored
     * @return its measurement (the last one, if it was scored twice), or empty if it was not scored
     */
    public Optional<ProxyScore> measurement(Candidate candidate) {
        return Optional.ofNullable(measured.get(candidate.values()));
    }

    /** @return every measurement made through {@link #score}, in order */
    public List<ProxyScore> measurements() {
        return new ArrayList<>(measured.values());
    }

    /** @return the settings */
    public TrainedProxyConfig config() {
        return config;
    }

    @Override
    public boolean expensive() {
        return true;
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> m = OrderedMaps.of("id", id(),
                "source", "trained proxy (low-fidelity estimate, Elsken et al., JMLR 2019): short training, ranked by held-out TAR@FAR");
        m.putAll(config.provenance());
        m.put("score", "(G*TAR@FAR + mean TAR@{1e-3,1e-2,1e-1}/2) / (G + 1/2), G genuine held-out pairs");
        m.put("data", data.description());
        m.put("training_identities", split.train().labels().size());
        m.put("training_images", split.train().size());
        m.put("held_out_images", split.heldOut().size());
        return m;
    }

    private static OperatingPoint point(EvaluationResult r, double far) {
        return r.operatingPoints().stream().filter(p -> p.targetFar() == far).findFirst()
                .orElseThrow(() -> new IllegalStateException("FAR " + far + " was not evaluated"));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Builder; {@code setData} is required. */
    public static final class Builder {
        private FaceDataset data;
        private TrainedProxyConfig config = TrainedProxyConfig.defaults();
        private Consumer<String> progress;
        private StopRequest stop = new StopRequest();

        Builder() {}

        /**
         * @param data the proxy dataset (required): at least {@code heldOutIdentities + 2} identities; the last
         *     {@code heldOutIdentities} (natural order of their names) are held out
         * @return this
         */
        public Builder setData(FaceDataset data) {
            this.data = data;
            return this;
        }

        /**
         * @param config the settings (default {@link TrainedProxyConfig#defaults()})
         * @return this
         */
        public Builder optConfig(TrainedProxyConfig config) {
            this.config = config;
            return this;
        }

        /**
         * @param progress receives a line before and after each candidate's training (for standard error); {@code null}
         *     for none (default)
         * @return this
         */
        public Builder optProgress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /**
         * @param stop polled by each proxy's training loop: once requested, the training stops at its next step and
         *     {@link #score} throws {@link StoppedException} (e.g. set by {@link io.polyface.train.stop.SignalStop} on Ctrl-C)
         * @return this
         */
        public Builder optStopRequest(StopRequest stop) {
            this.stop = java.util.Objects.requireNonNull(stop, "stop");
            return this;
        }

        /**
         * @return the objective
         * @throws IllegalArgumentException without data or settings, or if the data has too few identities to hold out
         *     {@code heldOutIdentities} and still train on two
         */
        public TrainedProxyObjective build() {
            if (data == null) {
                throw new IllegalArgumentException("the trained proxy needs a proxy dataset (setData)");
            }
            if (config == null) {
                throw new IllegalArgumentException("the trained proxy's config must not be null");
            }
            return new TrainedProxyObjective(this);
        }
    }
}
