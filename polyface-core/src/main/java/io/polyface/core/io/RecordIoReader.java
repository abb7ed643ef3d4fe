package io.polyface.core.io;


import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Random-access reader of an MXNet RecordIO {@code .rec} file through its {@code .idx} index (format:
 * {@link RecordIo}). Reads are positional, so one reader serves many threads. Only whole records
 * ({@code cflag == 0}) are supported, which is what InsightFace's packers write.
 */
public final class RecordIoReader implements Closeable {

    private final Path recFile;
    private final FileChannel channel;
    private final long fileSize;
    private final long[] keys;
    private final long[] offsets;

    private RecordIoReader(Path recFile, FileChannel channel, long[] keys, long[] offsets) throws IOException {
        this.recFile = recFile;
        this.channel = channel;
        this.fileSize = channel.size();
        this.keys = keys;
        this.offsets = offsets;
    }

    /**
     * Opens {@code FILE.rec} with its index {@code FILE.idx} beside it.
     *
     * @param recFile the record file
     * @return the reader
     * @throws NoSuchFileException if either file is missing
     * @throws MalformedFileException if an index line is malformed, a key repeats or an offset lies
     *     outside the record file (naming the line)
     * @throws IOException if a file cannot be read
     */
    public static RecordIoReader open(Path recFile) throws IOException {
        return open(recFile, indexOf(recFile));
    }

    /**
     * @param recFile a {@code .rec} file
     * @return the {@code .idx} file beside it (same name, extension replaced)
     */
    public static Path indexOf(Path recFile) {
        String name = recFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return recFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".idx");
    }

    /**
     * Opens a record file with an explicit index file.
     *
     * @param recFile the record file
     * @param idxFile its index
     * @return the reader
     * @throws NoSuchFileException if either file is missing
     * @throws MalformedFileException as {@link #open(Path)}
     * @throws IOException if a file cannot be read
     */
    public static RecordIoReader open(Path recFile, Path idxFile) throws IOException {
        if (!Files.exists(recFile)) {
            throw new NoSuchFileException(recFile.toString(), null, "RecordIO file does not exist");
        }
        if (!Files.exists(idxFile)) {
            throw new NoSuchFileException(idxFile.toString(), null, "RecordIO index (.idx) not found beside " + recFile);
        }
        List<String> lines = Files.readAllLines(idxFile, StandardCharsets.UTF_8);
        long[][] pairs = new long[lines.size()][];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 2) {
                throw new MalformedFileException(idxFile, "line " + (i + 1) + ": expected 'key<TAB>offset', got '" + line + "'");
            }
            try {
                pairs[n++] = new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), i + 1};
            } catch (NumberFormatException e) {
                throw new MalformedFileException(idxFile, "line " + (i + 1) + ": key and offset must be integers, got '" + line + "'");
            }
        }
        if (n == 0) {
            throw new MalformedFileException(idxFile, "index is empty; expected 'key<TAB>offset' lines");
        }
        long[][] sorted = Arrays.copyOf(pairs, n);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long[] keys = new long[n];
        long[] offsets = new long[n];
        FileChannel channel = FileChannel.open(recFile, StandardOpenOption.READ);
        try {
            long size = channel.size();
            for (int i = 0; i < n; i++) {
                keys[i] = sorted[i][0];
                offsets[i] = sorted[i][1];
                if (i > 0 && keys[i] == keys[i - 1]) {
                    throw new MalformedFileException(idxFile, "line " + sorted[i][2] + ": key " + keys[i] + " is listed twice");
                }
                if (offsets[i] < 0 || offsets[i] + RecordIo.PREFIX_BYTES > size) {
                    throw new MalformedFileException(idxFile, "line " + sorted[i][2] + ": offset " + offsets[i]
                            + " of key " + keys[i] + " lies outside " + recFile + " (" + size + " bytes)");
                }
            }
            return new RecordIoReader(recFile, channel, keys, offsets);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the record file */
    public Path file() {
        return recFile;
    }

    /** @return the keys in ascending order (a copy) */
    public long[] keys() {
        return keys.clone();
    }

    /**
     * The keys of the image records, by InsightFace's convention: key 0 is a header record only when it carries
     * labels ({@code flag > 0}) and no image bytes (an {@code im2rec --pack-label} image at key 0 is an image); its
     * first label is then the end of the image key range, the images are keys {@code 1 .. label − 1}, and its second
     * label (when present) the end of the identity records that follow. Without a header every key is an image.
     *
     * @return the image keys, ascending
     * @throws MalformedFileException if the header record names keys the index lacks, or no image record remains
     * @throws IOException if the file cannot be read
     */
    public long[] imageKeys() throws IOException {
        return layout().imageKeys();
    }

    /**
     * What {@link #imageKeys()} leaves out although the index lists it: keys outside the header's image and identity
     * ranges (a damaged header, or records appended after packing).
     *
     * @return a one-line warning naming the file, the count and the first ten keys; empty when every key is accounted for
     * @throws MalformedFileException if the header record names keys the index lacks, or no image record remains
     * @throws IOException if the file cannot be read
     */
    public Optional<String> unreadKeysWarning() throws IOException {
        return Optional.ofNullable(layout().warning());
    }

    private record Layout(long[] imageKeys, String warning) {}

    private Layout layout() throws IOException {
        Record first = contains(0) ? readRecord(0) : null;
        if (first == null || first.header().flag() <= 0 || first.image().length != 0) {
            return new Layout(keys.clone(), null);
        }
        float[] range = first.header().labels();
        long end = (long) range[0];
        long identityEnd = range.length >= 2 ? Math.max(end, (long) range[1]) : end;
        if (end <= 1) {
            throw new MalformedFileException(recFile, "no image records (the header record at key 0 gives an empty key range)");
        }
        long[] out = new long[(int) Math.min(Integer.MAX_VALUE - 8L, end - 1)];
        for (long k = 1; k < end; k++) {
            if (!contains(k)) {
                throw new MalformedFileException(indexOf(recFile),
                        "the header record (key 0) says images are keys 1.." + (end - 1) + " but key " + k + " is not in the index");
            }
            out[(int) (k - 1)] = k;
        }
        List<Long> unread = new ArrayList<>();
        for (long k : keys) {
            if (k < 0 || k >= identityEnd) {
                unread.add(k);
            }
        }
        return new Layout(out, unread.isEmpty() ? null : unreadKeys(unread, end, identityEnd));
    }

    private String unreadKeys(List<Long> unread, long end, long identityEnd) {
        List<Long> shown = unread.subList(0, Math.min(10, unread.size()));
        StringBuilder b = new StringBuilder(recFile + ": " + unread.size() + " indexed keys are not read (");
        for (int i = 0; i < shown.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(shown.get(i));
        }
        b.append(unread.size() > shown.size() ? ", ...)" : ")");
        b.append(": the header record (key 0) gives image keys 1..").append(end - 1);
        if (identityEnd > end) {
            b.append(" and identity records ").append(end).append("..").append(identityEnd - 1);
        }
        return b.append("; check the header or re-pack the file").toString();
    }

    /**
     * @param key a record key
     * @return whether the index lists it
     */
    public boolean contains(long key) {
        return Arrays.binarySearch(keys, key) >= 0;
    }

    /**
     * @param key a record key listed in the index
     * @return its byte offset in the record file
     * @throws IllegalArgumentException if the key is not in the index
     */
    public long offset(long key) {
        int i = Arrays.binarySearch(keys, key);
        if (i < 0) {
            throw new IllegalArgumentException("key " + key + " is not in the index of " + recFile);
        }
        return offsets[i];
    }

    /**
     * Reads only the image header of a record (a few dozen bytes).
     *
     * @param key the record key
     * @return the header
     * @throws MalformedFileException if the record is not a valid whole record (naming offset and key)
     * @throws IOException if the file cannot be read
     */
    public RecordIo.Header readHeader(long key) throws IOException {
        long offset = offset(key);
        int length = payloadLength(key, offset);
        ByteBuffer head = read(offset + RecordIo.PREFIX_BYTES, Math.min(length, RecordIo.HEADER_BYTES + 4), key);
        return parseHeader(head, length, key, offset);
    }

    /**
     * Reads a whole record.
     *
     * @param key the record key
     * @return the header and the encoded image that follows it
     * @throws MalformedFileException if the record is not a valid whole record (naming offset and key)
     * @throws IOException if the file cannot be read
     */
    public Record readRecord(long key) throws IOException {
        long offset = offset(key);
        int length = payloadLength(key, offset);
        ByteBuffer payload = read(offset + RecordIo.PREFIX_BYTES, length, key);
        RecordIo.Header header = parseHeader(payload, length, key, offset);
        int start = RecordIo.HEADER_BYTES + 4 * header.flag();
        byte[] image = new byte[length - start];
        payload.position(start);
        payload.get(image);
        return new Record(key, offset, header, image);
    }

    /**
     * Describes where a record lives, for messages.
     *
     * @param key the record key
     * @return e.g. {@code train.rec at byte offset 1234 (key 17)}
     */
    public String locate(long key) {
        int i = Arrays.binarySearch(keys, key);
        return recFile + (i >= 0 ? " at byte offset " + offsets[i] : "") + " (key " + key + ")";
    }

    private int payloadLength(long key, long offset) throws IOException {
        ByteBuffer prefix = read(offset, RecordIo.PREFIX_BYTES, key);
        int magic = prefix.getInt();
        if (magic != RecordIo.MAGIC) {
            throw malformed(key, offset, String.format("bad magic 0x%08X, expected 0x%08X", magic, RecordIo.MAGIC));
        }
        int lrecord = prefix.getInt();
        int cflag = lrecord >>> 29;
        int length = lrecord & RecordIo.MAX_LENGTH;
        if (cflag != 0) {
            throw malformed(key, offset, "continuation flag " + cflag + ": multi-part records are not supported, expected 0");
        }
        if (offset + RecordIo.PREFIX_BYTES + length > fileSize) {
            throw malformed(key, offset, "payload of " + length + " bytes runs past the end of the file (" + fileSize + " bytes)");
        }
        if (length < RecordIo.HEADER_BYTES) {
            throw malformed(key, offset, "payload of " + length + " bytes is shorter than the 24-byte image header");
        }
        return length;
    }

    private RecordIo.Header parseHeader(ByteBuffer payload, int length, long key, long offset) throws IOException {
        payload.position(0);
        int flag = payload.getInt();
        float label = payload.getFloat();
        long id = payload.getLong();
        long id2 = payload.getLong();
        if (flag < 0 || RecordIo.HEADER_BYTES + 4L * flag > length) {
            throw malformed(key, offset, "header flag " + flag + " announces more labels than the " + length + "-byte payload holds");
        }
        float[] labels = new float[flag];
        if (flag > 0) {
            ByteBuffer extra = payload.remaining() >= 4 * flag ? payload
                    : read(offset + RecordIo.PREFIX_BYTES + RecordIo.HEADER_BYTES, 4 * flag, key);
            for (int i = 0; i < flag; i++) {
                labels[i] = extra.getFloat();
            }
        }
        return new RecordIo.Header(flag, label, labels, id, id2);
    }

    private ByteBuffer read(long position, int length, long key) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long pos = position;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, pos);
            if (r < 0) {
                throw new EOFException(locate(key) + ": file ends inside the record");
            }
            pos += r;
        }
        buf.flip();
        return buf;
    }

    private MalformedFileException malformed(long key, long offset, String what) {
        return new MalformedFileException(recFile, "record key " + key + " at byte offset " + offset + ": " + what);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * One record.
     *
     * @param key its key
     * @param offset its byte offset in the record file
     * @param header its image header
     * @param image the encoded image bytes
     */
    public record Record(long key, long offset, RecordIo.Header header, byte[] image) {}
}
