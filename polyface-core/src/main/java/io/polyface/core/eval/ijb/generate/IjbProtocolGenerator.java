package io.polyface.core.eval.ijb.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.eval.VerificationReport;
import io.polyface.core.eval.ijb.IjbDataset;
import io.polyface.core.eval.ijb.IjbLayout;
import io.polyface.core.eval.ijb.ProtocolImages;
import io.polyface.core.eval.ijb.SubjectTemplatesFile;
import io.polyface.core.eval.ijb.TemplatePairFile;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.util.Checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Writes IJB-B/C protocol files ({@link IjbLayout}: InsightFace's layout, IJB-C names by default) from any
 * labelled image folder ({@code DIR/subject/…/image}), so that the whole IJB evaluation can run on faces one
 * has: each image's face is detected (YuNet), cropped loosely and written to {@code loose_crop/} with its five
 * landmarks and detector score; subjects are split into the two 1:N galleries and non-mated probe subjects
 * and their faces grouped into templates of 1 to {@code k} images, each in media of 1 to {@code m} images
 * (see {@link ProtocolSplit}); the 1:1 list pairs every two templates (genuine when they share a subject),
 * each impostor pair kept with probability {@code (maxPairs − genuine) / impostors} when there are more.
 * Images without a face (or unreadable, or outside a subject folder) are left out and reported. A summary,
 * {@link GeneratedProtocol}, is written to {@code meta/generator.json}. The output folder is written
 * atomically (a temporary folder renamed at the end). Deterministic for a seed.
 *
 * <pre>{@code
 * try (YuNetDetector yunet = YuNetDetector.builder().setModelPath(Path.of("yunet.onnx")).build()) {
 *     GeneratedProtocol p = IjbProtocolGenerator.builder().setDetector(yunet).optSeed(1).build()
 *             .generate(Path.of("faces"), Path.of("ijb-faces"));
 * }
 * }</pre>
 */
public final class IjbProtocolGenerator {

    private final YuNetDetector detector;
    private final IjbDataset dataset;
    private final long seed;
    private final int maxTemplateImages;
    private final int maxMediaImages;
    private final long maxPairs;
    private final int jpegQuality;
    private final BiConsumer<Integer, Integer> progress;

    private IjbProtocolGenerator(Builder b) {
        this.detector = b.detector;
        this.dataset = b.dataset;
        this.seed = b.seed;
        this.maxTemplateImages = b.maxTemplateImages;
        this.maxMediaImages = b.maxMediaImages;
        this.maxPairs = b.maxPairs;
        this.jpegQuality = b.jpegQuality;
        this.progress = b.progress;
    }

    /**
     * Returns a builder; the detector is required. Defaults: IJB-C names, seed 0, templates of up to 3 images,
     * media of up to 2 images, at most 2,000,000 pairs, JPEG quality 95.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates the protocol.
     *
     * @param images the labelled image folder
     * @param out the protocol root to create (must not exist, or be empty)
     * @return what was written
     * @throws IllegalArgumentException if {@code images} is not a folder, {@code out} exists and is not empty,
     *     or fewer than two subjects have two faces
     * @throws IOException if reading or writing fails
     */
    public GeneratedProtocol generate(Path images, Path out) throws IOException {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(out, "out");
        if (!Files.isDirectory(images)) {
            throw new IllegalArgumentException("--images " + images + ": not a folder");
        }
        List<String> all = listFiles(images);
        List<GeneratedProtocol.LeftOutImage> leftOut = new ArrayList<>();
        TreeMap<String, Integer> subjectIndex = new TreeMap<>();
        List<String> sources = new ArrayList<>();
        for (String rel : all) {
            int slash = rel.indexOf('/');
            if (slash < 0) {
                leftOut.add(new GeneratedProtocol.LeftOutImage(rel, "not in a subject folder"));
            } else {
                subjectIndex.putIfAbsent(rel.substring(0, slash), 0);
                sources.add(rel);
            }
        }
        List<String> subjects = new ArrayList<>(subjectIndex.keySet());
        for (int i = 0; i < subjects.size(); i++) {
            subjectIndex.put(subjects.get(i), i);
        }
        int[] subjectOf = new int[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            subjectOf[i] = subjectIndex.get(sources.get(i).substring(0, sources.get(i).indexOf('/')));
        }
        GeneratedProtocol[] result = new GeneratedProtocol[1];
        AtomicFileWriter.writeDirectory(out, tmp -> {
            IjbLayout layout = new IjbLayout(tmp, dataset);
            FaceCrops.Result crops = FaceCrops.write(images, sources, subjectOf, detector, layout.images(), jpegQuality, progress);
            for (FaceCrops.LeftOut l : crops.leftOut()) {
                leftOut.add(new GeneratedProtocol.LeftOutImage(l.path(), l.reason()));
            }
            List<List<Face>> bySubject = new ArrayList<>();
            for (int s = 0; s < subjects.size(); s++) {
                bySubject.add(new ArrayList<>());
            }
            for (Face f : crops.faces()) {
                bySubject.get(f.subject()).add(f);
            }
            ProtocolSplit.Plan plan = ProtocolSplit.plan(bySubject, seed, maxTemplateImages, maxMediaImages);
            Files.createDirectories(layout.meta());
            writeImageRows(plan, layout);
            writeOneToN(plan, layout);
            long[] pairs = writePairs(plan, layout);
            leftOut.sort(java.util.Comparator.comparing(GeneratedProtocol.LeftOutImage::path));
            GeneratedProtocol g = new GeneratedProtocol(out, dataset, seed, all.size(), crops.faces().size(), leftOut,
                    plan.gallery1Subjects(), plan.gallery2Subjects(), plan.nonMatedSubjects(), plan.templates().size(), plan.mediaCount(),
                    pairs[0], pairs[1], plan.nonMatedProbes1(), plan.nonMatedProbes2(), plan.sampleLimited());
            ObjectNode json = g.toJson();
            ObjectNode names = json.putObject("subjects");
            for (int s = 0; s < subjects.size(); s++) {
                names.put(Integer.toString(s + 1), subjects.get(s));
            }
            VerificationReport.writeJson(layout.meta().resolve("generator.json"), json);
            result[0] = g;
        });
        return result[0];
    }

    private static List<String> listFiles(Path images) throws IOException {
        try (Stream<Path> walk = Files.walk(images)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> images.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> java.util.Arrays.stream(rel.split("/")).noneMatch(part -> part.startsWith(".")))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Subject ids are 1-based positions in the sorted subject list. */
    private static long subjectId(int subject) {
        return subject + 1L;
    }

    private static void writeImageRows(ProtocolSplit.Plan plan, IjbLayout layout) throws IOException {
        List<String> names = new ArrayList<>();
        List<Long> tids = new ArrayList<>();
        List<Long> mids = new ArrayList<>();
        List<Face> faces = new ArrayList<>();
        for (ProtocolSplit.Template t : plan.templates()) {
            for (int i = 0; i < t.faces().size(); i++) {
                Face f = t.faces().get(i);
                names.add(f.image());
                tids.add(t.id());
                mids.add(t.media()[i]);
                faces.add(f);
            }
        }
        float[] lmk = new float[faces.size() * 10];
        float[] score = new float[faces.size()];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(faces.get(i).landmarks(), 0, lmk, i * 10, 10);
            score[i] = faces.get(i).score();
        }
        ProtocolImages.of(names, tids.stream().mapToLong(Long::longValue).toArray(), mids.stream().mapToLong(Long::longValue).toArray(),
                lmk, score).write(layout.faceTidMid(), layout.name5ptsScore());
    }

    private static void writeOneToN(ProtocolSplit.Plan plan, IjbLayout layout) throws IOException {
        List<SubjectTemplatesFile.Row> g1 = new ArrayList<>();
        List<SubjectTemplatesFile.Row> g2 = new ArrayList<>();
        List<SubjectTemplatesFile.Row> probes = new ArrayList<>();
        for (ProtocolSplit.Template t : plan.templates()) {
            List<SubjectTemplatesFile.Row> list = switch (t.role()) {
                case GALLERY_1 -> g1;
                case GALLERY_2 -> g2;
                case PROBE -> probes;
            };
            for (Face f : t.faces()) {
                list.add(new SubjectTemplatesFile.Row(t.id(), subjectId(t.subject()), f.image()));
            }
        }
        SubjectTemplatesFile.write(layout.gallery(1), g1);
        SubjectTemplatesFile.write(layout.gallery(2), g2);
        SubjectTemplatesFile.write(layout.probeMixed(), probes);
    }

    /** Writes the pair list; returns {pairs, genuine pairs}. */
    private long[] writePairs(ProtocolSplit.Plan plan, IjbLayout layout) throws IOException {
        List<ProtocolSplit.Template> t = plan.templates();
        long genuine = 0;
        long total = (long) t.size() * (t.size() - 1) / 2;
        for (int a = 0; a < t.size(); a++) {
            for (int b = a + 1; b < t.size(); b++) {
                genuine += t.get(a).subject() == t.get(b).subject() ? 1 : 0;
            }
        }
        long impostors = total - genuine;
        double keep = impostors == 0 ? 1 : Math.min(1.0, (double) Math.max(0, maxPairs - genuine) / impostors);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long[] written = {0, 0};
        AtomicFileWriter.write(layout.templatePairLabel(), o -> {
            TemplatePairFile.Writer w = new TemplatePairFile.Writer(o);
            for (int a = 0; a < t.size(); a++) {
                for (int b = a + 1; b < t.size(); b++) {
                    boolean same = t.get(a).subject() == t.get(b).subject();
                    if (same || keep >= 1 || random.nextDouble() < keep) {
                        w.write(t.get(a).id(), t.get(b).id(), same);
                        written[1] += same ? 1 : 0;
                    }
                }
            }
            written[0] = w.pairs();
        });
        return written;
    }

    /** Builds an {@link IjbProtocolGenerator}. */
    public static final class Builder {
        private YuNetDetector detector;
        private IjbDataset dataset = IjbDataset.IJBC;
        private long seed;
        private int maxTemplateImages = 3;
        private int maxMediaImages = 2;
        private long maxPairs = 2_000_000;
        private int jpegQuality = 95;
        private BiConsumer<Integer, Integer> progress;

        private Builder() {}

        /**
         * @param detector the face detector (required; not closed by the generator)
         * @return this builder
         */
        public Builder setDetector(YuNetDetector detector) {
            this.detector = detector;
            return this;
        }

        /**
         * @param dataset whose file names to write (default IJB-C)
         * @return this builder
         */
        public Builder optDataset(IjbDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * @param seed the seed of the split, the template grouping and the pair sampling (default 0)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param maxTemplateImages {@code k}: templates hold 1 to {@code k} images, {@code >= 1} (default 3)
         * @return this builder
         */
        public Builder optMaxTemplateImages(int maxTemplateImages) {
            this.maxTemplateImages = maxTemplateImages;
            return this;
        }

        /**
         * @param maxMediaImages {@code m}: media hold 1 to {@code m} images of a template, {@code >= 1} (default 2)
         * @return this builder
         */
        public Builder optMaxMediaImages(int maxMediaImages) {
            this.maxMediaImages = maxMediaImages;
            return this;
        }

        /**
         * @param maxPairs about how many 1:1 pairs to write at most (all genuine pairs are kept), {@code >= 1}
         *     (default 2,000,000)
         * @return this builder
         */
        public Builder optMaxPairs(long maxPairs) {
            this.maxPairs = maxPairs;
            return this;
        }

        /**
         * @param jpegQuality quality of the written crops, 1..100 (default 95)
         * @return this builder
         */
        public Builder optJpegQuality(int jpegQuality) {
            this.jpegQuality = jpegQuality;
            return this;
        }

        /**
         * @param progress called with (images done, images total) while cropping, or null
         * @return this builder
         */
        public Builder optProgress(BiConsumer<Integer, Integer> progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the generator
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public IjbProtocolGenerator build() {
            if (detector == null) {
                throw new IllegalArgumentException("detector is required (YuNet, for the landmarks)");
            }
            Objects.requireNonNull(dataset, "dataset");
            Checks.atLeast("maxTemplateImages", maxTemplateImages, 1);
            Checks.atLeast("maxMediaImages", maxMediaImages, 1);
            Checks.atLeast("maxPairs", maxPairs, 1);
            if (jpegQuality < 1 || jpegQuality > 100) {
                throw new IllegalArgumentException("jpegQuality = " + jpegQuality + ", expected 1..100");
            }
            return new IjbProtocolGenerator(this);
        }
    }
}
