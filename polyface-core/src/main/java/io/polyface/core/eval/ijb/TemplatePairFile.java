package io.polyface.core.eval.ijb;

import io.polyface.core.io.MalformedFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The 1:1 template pair list of IJB-B/C ({@code *_template_pair_label.txt}): one pair per line,
 * {@code template_id_1 template_id_2 label}, label {@code 1} for a genuine (same subject) and {@code 0} for an
 * impostor pair; 15,658,489 lines for IJB-C. Read as a byte stream in one pass ({@link #stream}), never as a
 * list of lines: memory is one 1 MiB buffer whatever the file's length. Tolerant as the other protocol files
 * ({@link ProtocolText}): CRLF, runs of blanks, trailing blanks, blank lines (such as a final one), a leading
 * byte-order mark, ids of up to 18 digits. Every error names the file and the line.
 */
public final class TemplatePairFile {

    /** Receives the pairs in file order. */
    @FunctionalInterface
    public interface PairVisitor {
        /**
         * Handles one pair.
         *
         * @param templateId1 the first template id
         * @param templateId2 the second template id
         * @param genuine whether the label is 1
         * @param line the 1-based line number, for messages
         * @throws IOException to stop with an error
         */
        void pair(long templateId1, long templateId2, boolean genuine, long line) throws IOException;
    }

    private static final int BUFFER = 1 << 20;
    private static final int MAX_DIGITS = 18;

    private TemplatePairFile() {}

    /**
     * Streams every pair to the visitor, in file order.
     *
     * @param file the pair list
     * @param visitor receives the pairs
     * @return the number of pairs (non-blank lines)
     * @throws MalformedFileException if a line does not have three fields, an id is not a non-negative
     *     integer of at most 18 digits, or a label is not 0 or 1 (naming the line and quoting it)
     * @throws IOException if the file is missing or cannot be read, or the visitor fails
     */
    public static long stream(Path file, PairVisitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            byte[] a = buf.array();
            long line = 1;
            long pairs = 0;
            long[] v = new long[3];
            int field = 0;
            int digits = 0;
            long value = 0;
            boolean bad = false;
            boolean start = true;
            int n;
            while ((n = ch.read(buf)) >= 0) {
                if (n == 0) {
                    continue;
                }
                int len = buf.position();
                int i = 0;
                if (start) {
                    start = false;
                    if (len >= 3 && (a[0] & 0xFF) == 0xEF && (a[1] & 0xFF) == 0xBB && (a[2] & 0xFF) == 0xBF) {
                        i = 3;
                    }
                }
                for (; i < len; i++) {
                    int c = a[i];
                    if (c >= '0' && c <= '9') {
                        value = value * 10 + (c - '0');
                        if (++digits > MAX_DIGITS) {
                            bad = true;
                        }
                    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                        if (digits > 0) {
                            if (field < 3) {
                                v[field] = value;
                            }
                            field++;
                            digits = 0;
                            value = 0;
                        }
                        if (c == '\n') {
                            if (field > 0 || bad) {
                                emit(file, visitor, v, field, bad, line);
                                pairs++;
                            }
                            field = 0;
                            bad = false;
                            line++;
                        }
                    } else {
                        bad = true;
                        digits = Math.max(digits, 1); // a token, even if not a number
                    }
                }
                buf.clear();
            }
            if (digits > 0) {
                if (field < 3) {
                    v[field] = value;
                }
                field++;
            }
            if (field > 0 || bad) {
                emit(file, visitor, v, field, bad, line);
                pairs++;
            }
            return pairs;
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(file, "no such file");
        }
    }

    private static void emit(Path file, PairVisitor visitor, long[] v, int fields, boolean bad, long line) throws IOException {
        if (bad || fields != 3 || v[2] > 1) {
            throw new MalformedFileException(file, "line " + line + ": expected 'template_id_1 template_id_2 label' (two non-negative"
                    + " integer ids of at most " + MAX_DIGITS + " digits and a label 0 or 1), got '" + lineText(file, line) + "'");
        }
        visitor.pair(v[0], v[1], v[2] == 1, line);
    }

    /** The text of one line, read again only to word an error (at most 120 characters). */
    private static String lineText(Path file, long line) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String s = null;
            for (long i = 0; i < line; i++) {
                s = in.readLine();
            }
            if (s == null) {
                return "";
            }
            return s.length() > 120 ? s.substring(0, 120) + "..." : s;
        } catch (IOException e) {
            return "?";
        }
    }

    /** Writes a pair list, one line at a time ({@code t1 t2 label}, LF endings). */
    public static final class Writer {
        private final OutputStream out;
        private final byte[] line = new byte[64];
        private long pairs;

        /**
         * Wraps a stream (not closed by this writer); use a buffered one.
         *
         * @param out the stream
         */
        public Writer(OutputStream out) {
            this.out = out;
        }

        /**
         * Writes one pair.
         *
         * @param templateId1 the first template id, {@code >= 0}
         * @param templateId2 the second template id, {@code >= 0}
         * @param genuine the label
         * @throws IllegalArgumentException if an id is negative
         * @throws IOException if writing fails
         */
        public void write(long templateId1, long templateId2, boolean genuine) throws IOException {
            if (templateId1 < 0 || templateId2 < 0) {
                throw new IllegalArgumentException("template ids " + templateId1 + ", " + templateId2 + ": expected >= 0");
            }
            int p = digits(templateId1, 0);
            line[p++] = ' ';
            p = digits(templateId2, p);
            line[p++] = ' ';
            line[p++] = (byte) (genuine ? '1' : '0');
            line[p++] = '\n';
            out.write(line, 0, p);
            pairs++;
        }

        /** @return the pairs written so far */
        public long pairs() {
            return pairs;
        }

        /** Writes the decimal digits of {@code v} at {@code at}; returns the index after them. */
        private int digits(long v, int at) {
            int n = 1;
            for (long x = v; x >= 10; x /= 10) {
                n++;
            }
            for (int k = at + n - 1; k >= at; k--) {
                line[k] = (byte) ('0' + v % 10);
                v /= 10;
            }
            return at + n;
        }
    }
}
