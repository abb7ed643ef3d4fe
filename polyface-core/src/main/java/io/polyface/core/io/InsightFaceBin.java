package io.polyface.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads InsightFace verification sets ({@code lfw.bin}, {@code cfp_fp.bin}, {@code agedb_30.bin}; the
 * layout of {@code recognition/arcface_torch/eval/verification.py}, described in
 * ../shared/spec/aggregation-and-evaluation.md): a Python pickle of the tuple
 * {@code (list of 2N encoded images, list of N booleans)}. The images are Python-2 byte strings or,
 * in newer files, numpy {@code uint8} arrays of the encoded bytes.
 *
 * <p>The pickle is interpreted by a restricted reader that understands exactly these constructs and
 * refuses anything else (any other global such as {@code os.system}, object-building opcodes,
 * truncated or trailing data) with a {@link MalformedFileException} naming the byte offset; it never
 * executes code or instantiates classes named by the file. Python 3 at protocol 2 writes each byte string
 * (and numpy's raw data) as {@code _codecs.encode(text, 'latin1')}; that form is recognised and rebuilt as the
 * bytes, calling nothing. Arrays pickled at protocol 5 need {@code numpy.core.numeric._frombuffer}, which is
 * refused with its name: re-save such files with protocol 3 or 4. Encoded-image arrays may have shape
 * {@code (n,)} or, as {@code cv2.imencode} returns them, {@code (n, 1)}.
 */
public final class InsightFaceBin {

    private InsightFaceBin() {}

    /**
     * Reads a {@code .bin} file.
     *
     * @param file the file
     * @return the encoded images and pair flags
     * @throws MalformedFileException if the file is not such a pickle, is truncated, uses refused
     *     opcodes or globals, or its structure is not {@code (list of 2N images, list of N booleans)}
     * @throws IOException if the file cannot be read
     */
    public static VerificationBin read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new MalformedFileException(file, size + " bytes, larger than the 2 GiB this reader holds in memory");
        }
        Object root = RestrictedUnpickler.load(file, Files.readAllBytes(file));
        if (!(root instanceof RestrictedUnpickler.Tuple t) || t.items().size() != 2
                || !(t.items().get(0) instanceof List<?> images) || !(t.items().get(1) instanceof List<?> flags)) {
            throw new MalformedFileException(file, "the pickle holds " + shape(root)
                    + ", expected a tuple (list of encoded images, list of issame booleans)");
        }
        List<byte[]> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            Object o = images.get(i);
            if (o instanceof byte[] b) {
                out.add(b);
            } else if (o instanceof RestrictedUnpickler.NdArray a && a.data() != null) {
                out.add(a.data());
            } else {
                throw new MalformedFileException(file, "image " + i + " is " + shape(o)
                        + ", expected a byte string or a uint8 numpy array of encoded image bytes");
            }
        }
        List<Boolean> issame = new ArrayList<>(flags.size());
        for (int i = 0; i < flags.size(); i++) {
            if (!(flags.get(i) instanceof Boolean b)) {
                throw new MalformedFileException(file, "issame flag " + i + " is " + shape(flags.get(i)) + ", expected a boolean");
            }
            issame.add(b);
        }
        if (out.size() != 2L * issame.size()) {
            throw new MalformedFileException(file, out.size() + " images for " + issame.size()
                    + " issame flags; expected two consecutive images per pair");
        }
        return new VerificationBin(out, issame);
    }

    private static String shape(Object o) {
        if (o instanceof RestrictedUnpickler.Tuple t) {
            return "a tuple of " + t.items().size();
        }
        if (o instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (o instanceof byte[]) {
            return "a byte string";
        }
        if (o instanceof RestrictedUnpickler.NdArray) {
            return "an unbuilt numpy array";
        }
        return o == null ? "nothing" : "a " + o.getClass().getSimpleName();
    }
}
