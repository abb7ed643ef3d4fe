package io.polyface.train.checkpoint;

import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint a run resumes from: the newest one of the output folder that passes
 * {@link CheckpointIntegrity}. Newer checkpoints that fail it are moved aside to
 * {@code checkpoint-NNNNNNNN.corrupt} (out of the way of listing and pruning, kept for inspection), each
 * with a warning naming what was wrong; when every checkpoint fails, resuming is refused naming the
 * newest one's bad file.
 *
 * @param checkpoint the checkpoint folder to resume from; empty when the folder holds no checkpoint
 * @param warnings lines for the user: checkpoints skipped and why, checkpoints only checked structurally
 */
public record ResumePoint(Optional<Path> checkpoint, List<String> warnings) {

    /** Copies the list. */
    public ResumePoint {
        warnings = List.copyOf(warnings);
    }

    /**
     * Selects the checkpoint to resume from.
     *
     * @param outputDir the run's output folder
     * @return the newest intact checkpoint (or none, if there are no checkpoints) and the warnings
     * @throws MalformedFileException naming the newest checkpoint's bad file, if there are checkpoints
     *     but none is intact (nothing is moved then)
     * @throws IOException if the folder or a file cannot be read
     */
    public static ResumePoint select(Path outputDir) throws IOException {
        List<Path> all = new ArrayList<>(CheckpointStore.list(outputDir));
        List<CheckpointIntegrity.Report> bad = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            CheckpointIntegrity.Report r = CheckpointIntegrity.check(all.get(i));
            if (!r.intact()) {
                bad.add(r);
                continue;
            }
            for (CheckpointIntegrity.Report b : bad) {
                Path aside = moveAside(b.directory());
                warnings.add(b.directory().getFileName() + " cannot be trusted (" + b.describe() + "); resuming from "
                        + r.directory().getFileName() + " instead; the damaged checkpoint was moved to " + aside.getFileName());
            }
            if (!r.hasManifest()) {
                warnings.add(r.directory().getFileName() + " has no " + CheckpointManifest.FILE
                        + " (written by an earlier PolyFace): only the completeness of its archives was checked");
            }
            return new ResumePoint(Optional.of(r.directory()), warnings);
        }
        if (!bad.isEmpty()) {
            CheckpointIntegrity.Problem first = bad.get(0).problems().get(0);
            List<String> names = bad.stream().map(b -> b.directory().getFileName() + " (" + b.describe() + ")").toList();
            throw new MalformedFileException(first.file(), first.detail() + "; no intact checkpoint to resume from in " + outputDir
                    + ": " + String.join(", ", names));
        }
        return new ResumePoint(Optional.empty(), warnings);
    }

    private static Path moveAside(Path checkpoint) throws IOException {
        Path aside = checkpoint.resolveSibling(checkpoint.getFileName() + ".corrupt");
        for (int n = 2; Files.exists(aside); n++) {
            aside = checkpoint.resolveSibling(checkpoint.getFileName() + ".corrupt-" + n);
        }
        AtomicFileWriter.move(checkpoint, aside);
        return aside;
    }
}
