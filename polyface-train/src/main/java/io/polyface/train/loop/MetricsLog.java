package io.polyface.train.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.util.OrderedMaps;
import io.polyface.train.eval.EvaluationResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the run's metrics as JSON Lines ({@code metrics.jsonl}), one object per event, flushed at once:
 * <ul>
 *   <li>{@code {"type":"train","step":…,"epoch":…,"loss":…,"accuracy":…,"lr":…,"grad_norm":…,"images":…,
 *       "seconds":…,"images_per_second":…}} every {@code every} steps (and the last);</li>
 *   <li>{@code {"type":"eval","step":…,"set":"held-out","tar":{"0.01":…},…}} per evaluation
 *       ({@link EvaluationResult#toMetrics()});</li>
 *   <li>{@code {"type":"checkpoint","step":…,"path":…}} per checkpoint.</li>
 * </ul>
 * Steps are the steps completed ({@code step + 1} for a train line). When a run resumes from step
 * {@code K}, lines of the interrupted run after {@code K} are dropped first (the file is rewritten
 * atomically), so the file describes one consistent history.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedWriter out;
    private final long every;
    private final long lastStep;

    /**
     * Opens (appends to) the log.
     *
     * @param file the log file
     * @param resumedStep the steps already completed (lines beyond it are dropped); 0 for a fresh run,
     *     which truncates the file
     * @param every write a train line every so many steps (≥ 1)
     * @param lastStep the run's total steps (its train line is always written)
     * @throws IOException if the file cannot be read or written
     */
    public MetricsLog(Path file, long resumedStep, long every, long lastStep) throws IOException {
        if (every < 1) {
            throw new IllegalArgumentException("metrics period must be >= 1 step, got " + every);
        }
        this.every = every;
        this.lastStep = lastStep;
        if (resumedStep == 0) {
            Files.deleteIfExists(file);
        } else if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    continue; // a line cut short by the interruption
                }
                if (n.path("step").asLong(Long.MAX_VALUE) <= resumedStep) {
                    kept.add(line);
                }
            }
            AtomicFileWriter.write(file, o -> {
                for (String l : kept) {
                    o.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void onStep(StepResult r) {
        long done = r.step() + 1;
        if (done % every != 0 && done != lastStep) {
            return;
        }
        Map<String, Object> m = OrderedMaps.of("type", "train", "step", done, "epoch", r.epoch(), "loss", r.loss());
        m.put("accuracy", Double.isNaN(r.accuracy()) ? null : r.accuracy()); // null: no margin head (distillation alone)
        m.put("lr", r.learningRate());
        m.put("grad_norm", r.gradientNorm());
        m.put("images", r.images());
        m.put("seconds", r.seconds());
        m.put("images_per_second", r.seconds() > 0 ? r.images() / r.seconds() : 0);
        write(m);
    }

    @Override
    public void onEvaluation(EvaluationResult result) {
        write(result.toMetrics());
    }

    @Override
    public void onCheckpoint(long step, Path directory) {
        Map<String, Object> m = OrderedMaps.of("type", "checkpoint", "step", step, "path", directory.toString());
        write(m);
    }

    private void write(Map<String, Object> m) {
        try {
            out.write(MAPPER.writeValueAsString(m));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
