package io.polyface.core.image;

/**
 * Reads Netpbm grey and colour maps, which ImageIO cannot: PGM ({@code P5} binary, {@code P2} ASCII)
 * and PPM ({@code P6}, {@code P3}). Format as in the Netpbm specification: magic, width, height and
 * maxval as ASCII decimals separated by whitespace, {@code #} comments to the end of a line allowed
 * in the header; in the binary forms exactly one whitespace character follows maxval, then the
 * samples, one byte each when maxval &lt; 256, otherwise two bytes big-endian. Samples are scaled to
 * the 0..255 scale by {@code 255 / maxval}.
 */
final class NetpbmDecoder {

    private final byte[] data;
    private final String source;
    private int pos;

    private NetpbmDecoder(byte[] data, String source) {
        this.data = data;
        this.source = source;
    }

    static RgbImage decode(byte[] data, String source) throws ImageDecodeException {
        return new NetpbmDecoder(data, source).read();
    }

    private RgbImage read() throws ImageDecodeException {
        if (data.length < 2 || data[0] != 'P') {
            throw fail("expected a Netpbm magic number P2, P3, P5 or P6");
        }
        char kind = (char) data[1];
        boolean binary = kind == '5' || kind == '6';
        int channels = kind == '2' || kind == '5' ? 1 : kind == '3' || kind == '6' ? 3 : 0;
        if (channels == 0) {
            throw fail("unsupported Netpbm type P" + kind + "; expected P2, P3, P5 or P6");
        }
        pos = 2;
        int width = headerInt("width");
        int height = headerInt("height");
        int maxval = headerInt("maxval");
        if (width < 1 || height < 1) {
            throw fail("image size " + width + "x" + height + " must be at least 1x1");
        }
        if (maxval < 1 || maxval > 65535) {
            throw fail("maxval " + maxval + " must be in 1..65535");
        }
        long count = (long) width * height * channels;
        if (count * (channels == 1 ? 3 : 1) > Integer.MAX_VALUE - 8) {
            throw fail("image size " + width + "x" + height + " is too large");
        }
        float[] samples = new float[(int) count];
        float scale = 255f / maxval;
        if (binary) {
            if (pos >= data.length || !Character.isWhitespace(data[pos])) {
                throw fail("expected one whitespace character after maxval");
            }
            pos++;
            int bytesPerSample = maxval < 256 ? 1 : 2;
            long needed = count * bytesPerSample;
            if (data.length - pos < needed) {
                throw fail("truncated: expected " + needed + " bytes of pixel data for " + width + "x" + height
                        + " (maxval " + maxval + "), found " + (data.length - pos));
            }
            for (int i = 0; i < count; i++) {
                int v = bytesPerSample == 1 ? data[pos++] & 0xff : ((data[pos++] & 0xff) << 8) | (data[pos++] & 0xff);
                samples[i] = check(v, maxval, i) * scale;
            }
        } else {
            for (int i = 0; i < count; i++) {
                int v = asciiInt("sample " + i + " of " + count);
                samples[i] = check(v, maxval, i) * scale;
            }
        }
        if (channels == 1) {
            return RgbImage.fromGrey(width, height, samples);
        }
        return RgbImage.wrap(width, height, samples);
    }

    private int check(int v, int maxval, int index) throws ImageDecodeException {
        if (v > maxval) {
            throw fail("sample " + index + " = " + v + " exceeds maxval " + maxval);
        }
        return v;
    }

    private int headerInt(String what) throws ImageDecodeException {
        skipWhitespaceAndComments();
        return digits(what);
    }

    private int asciiInt(String what) throws ImageDecodeException {
        while (pos < data.length && Character.isWhitespace(data[pos])) {
            pos++;
        }
        return digits(what);
    }

    private int digits(String what) throws ImageDecodeException {
        if (pos >= data.length) {
            throw fail("truncated: expected " + what + ", found the end of the data");
        }
        if (data[pos] < '0' || data[pos] > '9') {
            throw fail("expected " + what + " as a decimal number at byte " + pos + ", found '" + (char) data[pos] + "'");
        }
        long v = 0;
        while (pos < data.length && data[pos] >= '0' && data[pos] <= '9') {
            v = v * 10 + (data[pos++] - '0');
            if (v > Integer.MAX_VALUE) {
                throw fail(what + " is too large");
            }
        }
        return (int) v;
    }

    private void skipWhitespaceAndComments() {
        while (pos < data.length) {
            if (Character.isWhitespace(data[pos])) {
                pos++;
            } else if (data[pos] == '#') {
                while (pos < data.length && data[pos] != '\n' && data[pos] != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private ImageDecodeException fail(String message) {
        return new ImageDecodeException(source + ": not a valid Netpbm (PGM/PPM) image: " + message);
    }
}
