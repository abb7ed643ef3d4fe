package io.polyface.cli;

import io.polyface.cli.common.ResultCommand;
import io.polyface.cli.common.SeedOption;
import io.polyface.core.image.ImageEncoder;
import io.polyface.examples.synth.Nuisance;
import io.polyface.examples.synth.SyntheticFaceDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code polyface synth}: writes the embedded synthetic face dataset as an image folder. */
@Command(name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Generates SYNTHETIC face identities (Java2D cartoons, not photographs) as an image folder.",
            "Layout: one sub-folder per identity, 112x112 RGB PNGs roughly aligned like ArcFace crops, and synthetic-faces.json.",
            "Deterministic for a seed. Nuisance per image: shift, rotation, scale, head turn, expression, background,",
            "side light, brightness/contrast, blur, low resolution, noise, occlusion, JPEG; --difficulty scales it.",
            "It is the default data set that runs anywhere; for real faces use an image folder such as ../shared/data/orl.",
            "Progress goes to standard error.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface synth --out /tmp/synthetic",
            "  bin/polyface synth --out /tmp/synthetic --identities 1000 --images-per-id 20 --seed 7 --json",
            "  bin/polyface synth --out /tmp/easy --identities 20 --difficulty 0.5 --contact-sheet /tmp/easy.png",
        })
public final class SynthCommand extends ResultCommand {

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder; must not exist or be empty (written atomically: temporary folder, then rename).")
    Path out;

    @Option(names = "--identities", paramLabel = "N", defaultValue = "100",
            description = "Number of identities (default: ${DEFAULT-VALUE}).")
    int identities;

    @Option(names = "--images-per-id", paramLabel = "K", defaultValue = "10",
            description = "Images per identity (default: ${DEFAULT-VALUE}).")
    int imagesPerId;

    @Mixin
    SeedOption seed;

    @Option(names = "--difficulty", paramLabel = "D", defaultValue = "1.0",
            description = "Nuisance strength in [0, 2]; 0 = all images of an identity identical (default: ${DEFAULT-VALUE}).")
    double difficulty;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: the available processors); the output does not depend on it.")
    Integer threads;

    @Option(names = "--contact-sheet", paramLabel = "FILE.png",
            description = "Also write a PNG grid of the first 8 identities x first 8 images.")
    Path contactSheet;

    @Override
    public Integer call() throws Exception {
        if (contactSheet != null && !contactSheet.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--contact-sheet " + contactSheet + ": expected a .png file name");
        }
        SyntheticFaceDataset.Builder builder = SyntheticFaceDataset.builder()
                .setIdentities(identities).setImagesPerIdentity(imagesPerId).optSeed(seed.value()).optDifficulty(difficulty);
        if (threads != null) {
            builder.optThreads(threads);
        }
        SyntheticFaceDataset data = builder.build();
        PrintWriter err = err();
        Progress progress = new Progress(err, data.size());
        SyntheticFaceDataset.WriteSummary summary = data.write(out, progress::update);
        progress.finish();
        if (contactSheet != null) {
            ImageEncoder.writePng(data.contactSheet(8, 8), contactSheet);
        }
        json.print(out(), () -> toJson(data, summary), stdout -> {
            stdout.printf(Locale.ROOT, "wrote %,d synthetic face images (%,d identities x %,d) to %s%n", summary.images(),
                    summary.identities(), summary.imagesPerIdentity(), summary.dir());
            stdout.printf(Locale.ROOT, "seed %d, difficulty %.2f, %.1f MB of PNG, %.2f s with %d threads (%.0f images/s;"
                            + " %.0f images per CPU-second of one core)%n", data.seed(), data.difficulty(),
                    summary.pngBytes() / 1e6, summary.seconds(), summary.threads(), summary.imagesPerSecond(),
                    summary.imagesPerCpuSecond());
            if (contactSheet != null) {
                stdout.println("contact sheet: " + contactSheet.toAbsolutePath().normalize());
            }
            stdout.println("These are synthetic cartoon faces for running the pipeline anywhere; for real faces use an"
                    + " image folder, e.g. --data ../shared/data/orl.");
        });
        return 0;
    }

    private Map<String, Object> toJson(SyntheticFaceDataset data, SyntheticFaceDataset.WriteSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("out", s.dir().toString());
        m.put("synthetic", true);
        m.put("identities", s.identities());
        m.put("images_per_identity", s.imagesPerIdentity());
        m.put("images", s.images());
        m.put("seed", data.seed());
        m.put("difficulty", data.difficulty());
        m.put("max_difficulty", Nuisance.MAX_DIFFICULTY);
        m.put("image_width", 112);
        m.put("image_height", 112);
        m.put("png_bytes", s.pngBytes());
        m.put("seconds", s.seconds());
        m.put("threads", s.threads());
        m.put("images_per_second", s.imagesPerSecond());
        m.put("cpu_seconds", Double.isNaN(s.cpuSeconds()) ? null : s.cpuSeconds());
        m.put("images_per_cpu_second", Double.isNaN(s.cpuSeconds()) ? null : s.imagesPerCpuSecond());
        m.put("manifest", s.dir().resolve(SyntheticFaceDataset.MANIFEST).toString());
        m.put("contact_sheet", contactSheet == null ? null : contactSheet.toAbsolutePath().normalize().toString());
        return m;
    }

    /** Progress lines on standard error: done/total, rate and ETA, at most one a second. */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private long done;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        void update(long images) {
            done = images;
            long now = System.nanoTime();
            if (now - lastPrint >= 1_000_000_000L && images < total) {
                lastPrint = now;
                print(now);
            }
        }

        void finish() {
            print(System.nanoTime());
        }

        private void print(long now) {
            double seconds = Math.max(1e-9, (now - start) / 1e9);
            double rate = done / seconds;
            double eta = rate > 0 ? (total - done) / rate : Double.NaN;
            err.printf(Locale.ROOT, "synth: %,d/%,d images (%.0f%%), %.0f images/s, ETA %.0f s%n", done, total,
                    100.0 * done / total, rate, eta);
            err.flush();
        }
    }
}
