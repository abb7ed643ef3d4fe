package io.polyface.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads and writes the LFR 2019 challenge feature file (the submission format of the Lightweight Face
 * Recognition challenge, ICCV 2019 workshop; ../shared/spec/aggregation-and-evaluation.md, "LFR 2019"):
 * a 16-byte header of four little-endian int32 {@code (rows, cols, cols*4, 5)}, then the row-major
 * {@code [rows, cols]} float32 matrix, little-endian, nothing after it.
 *
 * <p>The file size must be exactly {@code 16 + rows*cols*4} bytes.
 */
public final class LfrFeatureFile {

    /** Header size in bytes. */
    public static final int HEADER_BYTES = 16;
    /** The fourth header field (the challenge's type code for float32). */
    public static final int TYPE_FLOAT32 = 5;

    private static final int CHUNK_BYTES = 1 << 20;

    private LfrFeatureFile() {}

    /**
     * Reads a whole feature file.
     *
     * @param file the file
     * @return the {@code [rows, cols]} matrix
     * @throws MalformedFileException if the header is not {@code (rows >= 0, cols >= 1, cols*4, 5)}, the
     *     matrix would not fit in one Java array, or the size is not {@code 16 + rows*cols*4} bytes
     *     (truncated or trailing data)
     * @throws IOException if the file cannot be read
     */
    public static FeatureMatrix read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Shape shape = checkHeader(ch, file);
            if ((long) shape.rows() * shape.cols() > FeatureMatrix.MAX_ELEMENTS) {
                throw new MalformedFileException(file, "LFR matrix [" + shape.rows() + ", " + shape.cols() + "] has "
                        + (long) shape.rows() * shape.cols() + " values, more than one Java array holds (" + FeatureMatrix.MAX_ELEMENTS + ")");
            }
            return readRows(ch, file, checkSize(ch, file, shape), 0, shape.rows());
        }
    }

    /**
     * The shape of a feature file, from its header.
     *
     * @param rows the number of rows
     * @param cols the number of columns (the embedding dimension)
     */
    public record Shape(int rows, int cols) {
    }

    /**
     * Reads and checks a feature file's header (without reading the matrix).
     *
     * @param file the file
     * @return its shape
     * @throws MalformedFileException as {@link #read(Path)}, except that the matrix may exceed one Java array
     * @throws IOException if the file cannot be read
     */
    public static Shape readShape(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return checkSize(ch, file, checkHeader(ch, file));
        }
    }

    /**
     * Reads rows {@code [from, to)} of a feature file (e.g. one tile of a distributed evaluation), after checking the
     * header and the file size as {@link #read(Path)} does.
     *
     * @param file the file
     * @param from the first row, {@code 0 <= from <= to}
     * @param to the end row (exclusive), {@code <= rows}
     * @return the {@code [to - from, cols]} rows
     * @throws IllegalArgumentException if the range is outside the file's rows
     * @throws MalformedFileException as {@link #readShape(Path)}
     * @throws IOException if the file cannot be read
     */
    public static FeatureMatrix readRows(Path file, int from, int to) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Shape shape = checkSize(ch, file, checkHeader(ch, file));
            if (from < 0 || from > to || to > shape.rows() || (long) (to - from) * shape.cols() > FeatureMatrix.MAX_ELEMENTS) {
                throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + file + ": expected a range within its "
                        + shape.rows() + " rows that fits one Java array");
            }
            return readRows(ch, file, shape, from, to);
        }
    }

    private static Shape checkHeader(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < HEADER_BYTES) {
            throw new MalformedFileException(file, "LFR feature file is " + size
                    + " bytes, shorter than its 16-byte header (rows, cols, cols*4, 5)");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, header, file);
        header.flip();
        int rows = header.getInt();
        int cols = header.getInt();
        int rowBytes = header.getInt();
        int type = header.getInt();
        if (rows < 0) {
            throw new MalformedFileException(file, "LFR header rows = " + rows + ", expected >= 0");
        }
        if (cols < 1) {
            throw new MalformedFileException(file, "LFR header cols = " + cols + ", expected >= 1");
        }
        if ((long) rowBytes != 4L * cols) {
            throw new MalformedFileException(file, "LFR header third field = " + rowBytes
                    + ", expected cols*4 = " + 4L * cols);
        }
        if (type != TYPE_FLOAT32) {
            throw new MalformedFileException(file, "LFR header fourth field = " + type
                    + ", expected " + TYPE_FLOAT32 + " (float32)");
        }
        return new Shape(rows, cols);
    }

    private static Shape checkSize(FileChannel ch, Path file, Shape shape) throws IOException {
        long size = ch.size();
        long expected = HEADER_BYTES + 4L * shape.rows() * shape.cols();
        if (size != expected) {
            throw new MalformedFileException(file, "LFR feature file is " + size + " bytes, expected 16 + "
                    + shape.rows() + "*" + shape.cols() + "*4 = " + expected + (size < expected ? " (truncated)" : " (trailing data)"));
        }
        return shape;
    }

    private static FeatureMatrix readRows(FileChannel ch, Path file, Shape shape, int from, int to) throws IOException {
        float[] data = new float[(to - from) * shape.cols()];
        ch.position(HEADER_BYTES + 4L * from * shape.cols());
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int filled = 0;
        while (filled < data.length) {
            int n = Math.min(CHUNK_BYTES / 4, data.length - filled);
            buf.clear().limit(n * 4);
            readFully(ch, buf, file);
            buf.flip();
            buf.asFloatBuffer().get(data, filled, n);
            filled += n;
        }
        return new FeatureMatrix(to - from, shape.cols(), data);
    }

    /**
     * Writes a feature file atomically (temporary file, then rename).
     *
     * @param file the file to create or replace
     * @param features the {@code [rows, cols]} matrix
     * @throws IOException if writing fails
     */
    public static void write(Path file, FeatureMatrix features) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(features, "features");
        AtomicFileWriter.write(file, out -> writeTo(out, features));
    }

    private static void writeTo(OutputStream out, FeatureMatrix features) throws IOException {
        int rows = features.rows();
        int cols = features.cols();
        if (cols > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("features have " + cols + " columns; the LFR header stores cols*4 as int32, so at most "
                    + Integer.MAX_VALUE / 4 + " columns fit");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(rows).putInt(cols).putInt(cols * 4).putInt(TYPE_FLOAT32);
        out.write(header.array());
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / (4 * cols));
        float[] rowsBuf = new float[rowsPerChunk * cols];
        ByteBuffer bytes = ByteBuffer.allocate(rowsBuf.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r += rowsPerChunk) {
            int end = Math.min(rows, r + rowsPerChunk);
            int n = (end - r) * cols;
            features.copyRows(r, end, rowsBuf, 0);
            bytes.clear();
            bytes.asFloatBuffer().put(rowsBuf, 0, n);
            out.write(bytes.array(), 0, n * 4);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new MalformedFileException(file, "unexpected end of file at byte " + ch.position());
            }
        }
    }
}
