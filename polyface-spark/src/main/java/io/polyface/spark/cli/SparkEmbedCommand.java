package io.polyface.spark.cli;

import io.polyface.cli.common.EmbeddingOptions;
import io.polyface.cli.common.EmbeddingSummary;
import io.polyface.spark.embed.DistributedEmbedder;
import io.polyface.spark.embed.ImageSlice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code polyface-spark embed}: images → an LFR feature file (as {@code polyface embed}) and/or a Parquet table. */
@Command(name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds images with an ONNX model on Spark: a folder tree (--images DIR, as 'polyface embed'), a list file",
            "(--list FILE with --images ROOT) or an InsightFace RecordIO file (--rec FILE.rec, split by .idx key ranges).",
            "One model per executor JVM, shared by its tasks. --out writes what 'polyface embed' writes (LFR feature file +",
            "FILE.list + FILE.labels, same rows in the same order); --parquet adds a table (index, path, label, embedding,",
            "no_face). Outputs are written only when every task succeeded; unreadable images are listed (--strict: the run",
            "fails naming the first).",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface-spark embed --model ../shared/models/fr_feature.onnx --rgb --mean 127 --std 128 --images ../shared/data/orl --out orl.feat",
            "  bin/polyface-spark embed --master spark://127.0.0.1:7077 --model m.onnx --align none --rec train.rec --parquet train.parquet",
        })
final class SparkEmbedCommand extends SparkCommand {

    @Mixin
    EmbeddingOptions embedding;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of images (one sub-folder per identity), or the root of --list's paths.")
    Path images;

    @Option(names = "--list", paramLabel = "FILE", description = "List file: 'relative/path [label]' per line, under --images.")
    Path list;

    @Option(names = "--rec", paramLabel = "FILE.rec", description = "InsightFace RecordIO file (FILE.idx beside it).")
    Path rec;

    @Option(names = "--out", paramLabel = "FILE", description = "LFR feature file to write (FILE.list and FILE.labels beside it).")
    Path out;

    @Option(names = "--parquet", paramLabel = "DIR", description = "Parquet table to create (must not exist).")
    Path parquet;

    @Override
    public Integer call() throws Exception {
        if (out == null && parquet == null) {
            throw new IllegalArgumentException("give --out FILE and/or --parquet DIR");
        }
        if ((rec != null) == (images != null)) {
            throw new IllegalArgumentException("give --images DIR (optionally with --list FILE) or --rec FILE.rec, not "
                    + (rec != null ? "both" : "neither"));
        }
        DistributedEmbedder job = new DistributedEmbedder(embedding.setup());
        long start = System.nanoTime();
        try (SparkOptions.Session session = openSession()) {
            int partitions = session.partitions();
            List<ImageSlice> slices = rec != null ? ImageSlice.ofRecordIo(rec, partitions)
                    : list != null ? ImageSlice.ofListFile(list, images, partitions) : ImageSlice.ofFolder(images, partitions);
            DistributedEmbedder.Summary s = job.run(session.context(), slices, out, parquet);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("images", s.images());
            extra.put("partitions", slices.size());
            if (parquet != null) {
                extra.put("parquet", parquet.toString());
            }
            new EmbeddingSummary(out, s.embedded(), s.dimension(), s.identities(), s.unreadable(), s.noFace(), s.centreResized(), seconds)
                    .print(out(), err(), "polyface-spark embed", json.enabled(), extra);
        }
        return 0;
    }
}
