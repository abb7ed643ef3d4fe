package io.polyface.core.io;

import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.util.Checks;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes an MXNet RecordIO {@code .rec} file and its {@code .idx} index (format: {@link RecordIo}) in the
 * InsightFace layout: an optional header record at key 0, then one whole record per image. Both files
 * are written to temporary siblings and renamed into place by {@link #close()} (record file first,
 * then the index), so an interrupted write never leaves a half-written pair under the final names.
 */
public final class RecordIoWriter implements Closeable {

    private final Path recFile;
    private final Path idxFile;
    private final Path recTemp;
    private final Path idxTemp;
    private final OutputStream rec;
    private final Writer idx;
    private final Set<Long> keys = new HashSet<>();
    private long position;
    private boolean closed;

    private RecordIoWriter(Path recFile) throws IOException {
        this.recFile = recFile;
        this.idxFile = RecordIoReader.indexOf(recFile);
        this.recTemp = AtomicFileWriter.newTemporarySibling(recFile);
        this.idxTemp = AtomicFileWriter.newTemporarySibling(idxFile);
        this.rec = new BufferedOutputStream(Files.newOutputStream(recTemp), 1 << 16);
        this.idx = Files.newBufferedWriter(idxTemp, StandardCharsets.UTF_8);
    }

    /**
     * Starts writing {@code FILE.rec} and {@code FILE.idx}.
     *
     * @param recFile the record file to create (replaced on {@link #close()} if it exists)
     * @return the writer
     * @throws IOException if the temporary files cannot be created
     */
    public static RecordIoWriter create(Path recFile) throws IOException {
        return new RecordIoWriter(recFile);
    }

    /**
     * Writes InsightFace's header record at key 0: {@code flag = 2}, labels
     * {@code [imageKeyEnd, imageKeyEnd]} (end of the image key range; no identity records follow).
     *
     * @param imageKeyEnd one past the last image key (images are keys {@code 1 .. imageKeyEnd − 1})
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if key 0 was already written or the end is below 1
     */
    public void writeHeaderRecord(long imageKeyEnd) throws IOException {
        Checks.requireAtLeast("imageKeyEnd", imageKeyEnd, 1);
        writeRecord(0, new RecordIo.Header(2, 0f, new float[] {imageKeyEnd, imageKeyEnd}, 0, 0), new byte[0]);
    }

    /**
     * Writes a single-label image record ({@code flag = 0}).
     *
     * @param key the record key
     * @param label the class label (InsightFace writes the identity number as a float)
     * @param image the encoded image
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the key was already written
     */
    public void writeImage(long key, float label, byte[] image) throws IOException {
        writeRecord(key, new RecordIo.Header(0, label, new float[0], key, 0), image);
    }

    /**
     * Writes any record.
     *
     * @param key the record key
     * @param header the image header ({@code flag} extra labels are written after it)
     * @param image the bytes after the header
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the key was already written or the payload exceeds 2^29 − 1 bytes
     */
    public void writeRecord(long key, RecordIo.Header header, byte[] image) throws IOException {
        if (closed) {
            throw new IllegalStateException("RecordIoWriter for " + recFile + " is closed");
        }
        if (!keys.add(key)) {
            throw new IllegalArgumentException("key " + key + " was already written to " + recFile);
        }
        long length = RecordIo.HEADER_BYTES + 4L * header.flag() + image.length;
        if (length > RecordIo.MAX_LENGTH) {
            throw new IllegalArgumentException("record " + key + " has " + length + " payload bytes, more than 2^29 - 1");
        }
        int len = (int) length;
        ByteBuffer head = ByteBuffer.allocate(RecordIo.PREFIX_BYTES + RecordIo.HEADER_BYTES + 4 * header.flag())
                .order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(RecordIo.MAGIC).putInt(len);
        head.putInt(header.flag()).putFloat(header.label()).putLong(header.id()).putLong(header.id2());
        for (float l : header.labels()) {
            head.putFloat(l);
        }
        idx.write(key + "\t" + position + "\n");
        rec.write(head.array());
        rec.write(image);
        int pad = RecordIo.padding(len);
        rec.write(new byte[pad]);
        position += RecordIo.PREFIX_BYTES + len + pad;
    }

    /**
     * Finishes both files and renames them into place.
     *
     * @throws IOException if flushing or renaming fails (the temporary files are then deleted)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rec.close();
            idx.close();
            AtomicFileWriter.commit(recTemp, recFile);
            AtomicFileWriter.commit(idxTemp, idxFile);
        } finally {
            Files.deleteIfExists(recTemp);
            Files.deleteIfExists(idxTemp);
        }
    }

}
