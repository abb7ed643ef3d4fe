package io.polyface.train.checkpoint;

import io.polyface.core.io.MalformedFileException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives of float32 arrays (a zip of {@code NAME.npy} entries,
 * NPY format version 1.0: the magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header
 * length, an ASCII dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (…), }} padded with
 * spaces to a 64-byte boundary and ended by a newline, then the little-endian values in C order).
 * Checkpoints use it so that parameters can be inspected with {@code numpy.load} and produced by other
 * tools; values round-trip bit-exactly.
 */
public final class NpzArchive {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpzArchive() {}

    /**
     * Writes tensors to a stream as an {@code .npz} archive (entries in list order, stored deflated).
     *
     * @param tensors the tensors; names must be unique
     * @param out the stream (not closed)
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if a name repeats
     */
    public static void write(List<NamedTensor> tensors, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NamedTensor t : tensors) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' occurs twice in one archive");
            }
            zip.putNextEntry(new ZipEntry(t.name() + ".npy"));
            zip.write(npyHeader(t.shape()));
            ByteBuffer buf = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(t.values());
            zip.write(buf.array());
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Reads every tensor of an {@code .npz} file, which must be a complete zip archive: its central
     * directory (written last) present and every entry's CRC-32 right, so a file cut short — even at an
     * entry boundary, where reading the entries one after the other would just end early — is refused.
     *
     * @param file the archive
     * @return the tensors by name (entry name without {@code .npy}), in archive order
     * @throws MalformedFileException naming the file (and the entry) if it is not a complete zip archive or
     *     an entry is not a float32, C-order NPY array
     * @throws IOException if the file cannot be read
     */
    public static Map<String, NamedTensor> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new MalformedFileException(file, "not a complete zip (.npz) archive, cut short or not an archive at all ("
                    + e.getMessage() + ")");
        }
        try (zip) {
            Map<String, NamedTensor> out = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            if (!entries.hasMoreElements()) {
                throw new MalformedFileException(file, "an empty zip (.npz) archive");
            }
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String entry = e.getName();
                if (!entry.endsWith(".npy")) {
                    throw new MalformedFileException(file, "entry '" + entry + "' is not a .npy array");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                } catch (IOException ex) {
                    throw new MalformedFileException(file, "entry '" + entry + "' cannot be decompressed (" + ex.getMessage() + ")");
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                    throw new MalformedFileException(file, "entry '" + entry + "' fails its CRC-32 check (damaged)");
                }
                String name = entry.substring(0, entry.length() - 4);
                out.put(name, parseNpy(bytes, name, file));
            }
            return out;
        }
    }

    /**
     * Reads every tensor of an {@code .npz} stream.
     *
     * @param in the stream (not closed)
     * @param file the file name for messages
     * @return the tensors by name, in archive order
     * @throws MalformedFileException if an entry is malformed
     * @throws IOException if reading fails
     */
    public static Map<String, NamedTensor> read(InputStream in, Path file) throws IOException {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        boolean any = false;
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            any = true;
            String entry = e.getName();
            if (!entry.endsWith(".npy")) {
                throw new MalformedFileException(file, "entry '" + entry + "' is not a .npy array");
            }
            byte[] bytes = zip.readAllBytes();
            String name = entry.substring(0, entry.length() - 4);
            out.put(name, parseNpy(bytes, name, file));
        }
        if (!any) {
            throw new MalformedFileException(file, "not a zip (.npz) archive, or an empty one");
        }
        return out;
    }

    static byte[] npyHeader(long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                dims.append(shape.length == 1 ? "," : ", ");
            }
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MAGIC);
        b.write(1);
        b.write(0);
        int len = header.length();
        b.write(len & 0xFF);
        b.write((len >>> 8) & 0xFF);
        b.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static NamedTensor parseNpy(byte[] bytes, String name, Path file) throws IOException {
        String where = "entry '" + name + ".npy'";
        if (bytes.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new MalformedFileException(file, where + ": missing the \\x93NUMPY magic");
        }
        int major = bytes[6] & 0xFF;
        int headerLength;
        int dataStart;
        if (major == 1) {
            headerLength = (bytes[8] & 0xFF) | ((bytes[9] & 0xFF) << 8);
            dataStart = 10 + headerLength;
        } else if (major == 2 || major == 3) {
            headerLength = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            dataStart = 12 + headerLength;
        } else {
            throw new MalformedFileException(file, where + ": NPY version " + major + " is not supported (1, 2 or 3)");
        }
        if (dataStart > bytes.length) {
            throw new MalformedFileException(file, where + ": header runs past the end of the entry");
        }
        String header = new String(bytes, dataStart - headerLength, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new MalformedFileException(file, where + ": header lacks descr, fortran_order or shape: " + header.strip());
        }
        if (!d.group(1).equals("<f4")) {
            throw new MalformedFileException(file, where + ": dtype '" + d.group(1) + "', expected little-endian float32 '<f4'");
        }
        if (f.group(1).equals("True")) {
            throw new MalformedFileException(file, where + ": Fortran order is not supported, expected C order");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.strip()));
                } catch (NumberFormatException e) {
                    throw new MalformedFileException(file, where + ": bad shape (" + s.group(1) + ")");
                }
            }
        }
        long n = 1;
        for (long x : dims) {
            n *= x;
        }
        if (bytes.length - dataStart != 4 * n) {
            throw new MalformedFileException(file, where + ": " + (bytes.length - dataStart) + " data bytes for " + n + " float32 values");
        }
        float[] values = new float[(int) n];
        ByteBuffer.wrap(bytes, dataStart, (int) (4 * n)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new NamedTensor(name, dims.stream().mapToLong(Long::longValue).toArray(), values);
    }
}
