package io.polyface.spark.eval;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import org.apache.spark.SparkFiles;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rows of an LFR feature file ({@link LfrFeatureFile}) that every executor can read: at the same path (a local file on
 * one machine, a shared mount on a cluster), or — when that path does not exist on the executor — the copy Spark
 * distributed with {@code spark-submit --files} ({@link SparkFiles#get}, by file name).
 */
public final class LfrFileSource implements FeatureSource {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int rows;
    private final int cols;

    private LfrFileSource(String path, int rows, int cols) {
        this.path = path;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Opens a feature file on the driver: reads and checks its header and size.
     *
     * @param file the LFR feature file
     * @return the source
     * @throws IOException if it cannot be read or is malformed (naming it)
     */
    public static LfrFileSource open(Path file) throws IOException {
        LfrFeatureFile.Shape shape = LfrFeatureFile.readShape(file);
        return new LfrFileSource(file.toAbsolutePath().toString(), shape.rows(), shape.cols());
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public FeatureMatrix read(int from, int to) throws IOException {
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            Path distributed = Path.of(SparkFiles.get(file.getFileName().toString()));
            if (Files.exists(distributed)) {
                file = distributed;
            }
        }
        FeatureMatrix m = LfrFeatureFile.readRows(file, from, to);
        if (m.cols() != cols) {
            throw new IOException(file + " now has rows of dimension " + m.cols() + ", not " + cols + " as when the job started");
        }
        return m;
    }

    @Override
    public String describe() {
        return path;
    }
}
