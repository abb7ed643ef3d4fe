package io.polyface.core.io;

/**
 * Constants and the record header of MXNet's RecordIO format as used by InsightFace training sets
 * (MS1M-RetinaFace, Glint360K), per {@code ../shared/spec/aggregation-and-evaluation.md}, "MXNet
 * RecordIO": each record is {@code uint32 magic 0xCED7230A}, {@code uint32 lrecord} (continuation flag
 * {@code cflag} in the top 3 bits, payload length in the low 29), the payload, zero padding to a multiple
 * of 4 bytes; all integers little-endian. The payload starts with the image header
 * {@code {uint32 flag, float32 label, uint64 id, uint64 id2}} (24 bytes); if {@code flag > 0},
 * {@code flag} float32 labels follow; the rest is the encoded image. The {@code .idx} file is text,
 * {@code key<TAB>byte offset} per line. InsightFace files put a header record at key 0 whose
 * {@code flag > 0} and whose first label is the end of the image key range (images are keys
 * {@code 1 .. label − 1}).
 */
public final class RecordIo {

    /** The record magic number. */
    public static final int MAGIC = 0xCED7230A;
    /** Bytes of the record prefix (magic and lrecord). */
    public static final int PREFIX_BYTES = 8;
    /** Bytes of the image header {@code {flag, label, id, id2}}. */
    public static final int HEADER_BYTES = 24;
    /** Largest payload length (29 bits). */
    public static final int MAX_LENGTH = (1 << 29) - 1;

    private RecordIo() {}

    /**
     * @param length payload length in bytes
     * @return the padding that follows the payload, 0..3
     */
    public static int padding(int length) {
        return (4 - (length & 3)) & 3;
    }

    /**
     * The parsed image header of a record.
     *
     * @param flag the number of extra labels (0 for an ordinary single-label image record)
     * @param label the header's float label
     * @param labels the extra labels ({@code flag} of them), empty when {@code flag == 0}
     * @param id the record id
     * @param id2 the second id
     */
    public record Header(int flag, float label, float[] labels, long id, long id2) {

        /** Copies the label array. */
        public Header {
            labels = labels.clone();
        }

        @Override
        public float[] labels() {
            return labels.clone();
        }

        /**
         * The class label of an image record, as InsightFace reads it: the header label when
         * {@code flag == 0}, else the first extra label.
         *
         * @return the label
         */
        public float classLabel() {
            return flag == 0 ? label : labels[0];
        }

        /**
         * The class label as text: an integral label without a decimal point ({@code 17}), any other as
         * {@link Float#toString} writes it.
         *
         * @return the label's text
         */
        public String classLabelText() {
            float l = classLabel();
            if (l == Math.rint(l) && Math.abs(l) < 1e15) {
                return Long.toString((long) l);
            }
            return Float.toString(l);
        }
    }
}
