package io.polyface.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle interpreter restricted to what InsightFace verification files contain
 * (../shared/spec/aggregation-and-evaluation.md, "InsightFace verification sets"): protocols 2–5;
 * lists, tuples, booleans, small ints, None, byte strings (Python-2 {@code str} and Python-3
 * {@code bytes}), text strings, the memo; numpy {@code uint8} arrays rebuilt through exactly three
 * globals — {@code numpy.core.multiarray._reconstruct} (also spelled {@code numpy._core.multiarray},
 * the module's NumPy 2 name), {@code numpy.ndarray} and {@code numpy.dtype}; and the two forms in which
 * Python 3 writes a {@code bytes} object at protocol 2 (which has no bytes opcode; CPython
 * {@code Lib/pickle.py}, {@code save_bytes}): {@code _codecs.encode(text, 'latin1')}, and
 * {@code __builtin__.bytes()} (also spelled {@code builtins.bytes}) for {@code b''}.
 *
 * <p>Nothing is imported, instantiated or called: the allowed globals are recognised by name and
 * rebuilt as plain data ({@link NdArray}, {@code byte[]}: each character of the latin-1 text is one byte,
 * which is what {@code codecs.encode} computes), and every other global or opcode (e.g. {@code os.system},
 * {@code INST}, {@code OBJ}, {@code NEWOBJ}, persistent ids, extension registry, dicts) stops the read
 * with a {@link MalformedFileException} naming it and its byte offset. Lengths are checked against the
 * bytes left before anything is allocated.
 *
 * <p>Opcode semantics follow CPython's {@code Lib/pickle.py} and {@code Lib/pickletools.py}; the
 * numpy array state {@code (version, shape, dtype, is_fortran, raw_bytes)} follows
 * {@code numpy/core/src/multiarray/methods.c} ({@code array_setstate}).
 */
final class RestrictedUnpickler {

    /** The ordered, immutable contents of a Python tuple. */
    record Tuple(List<Object> items) {
        Tuple {
            items = java.util.Collections.unmodifiableList(new ArrayList<>(items));
        }
    }

    /** Python's {@code None}. */
    enum None { NONE }

    /** The allowed globals: three of numpy's, and the two spellings of a Python 3 {@code bytes} at protocol 2. */
    enum AllowedGlobal { RECONSTRUCT, NDARRAY, DTYPE, CODECS_ENCODE, BYTES }

    /** A numpy dtype under construction; only {@code uint8} is accepted. */
    static final class Dtype {
        private boolean built;
    }

    /** A numpy {@code uint8} vector (shape (n,), (n, 1) or (1, n)), filled in by {@code BUILD}. */
    static final class NdArray {
        private byte[] data;

        /**
         * Returns the array's bytes.
         *
         * @return the raw bytes, or null before {@code BUILD}
         */
        byte[] data() {
            return data;
        }
    }

    private static final Object MARK = new Object();
    private static final int MAX_STACK = 1 << 24;
    private static final Set<String> RECONSTRUCT_MODULES = Set.of("numpy.core.multiarray", "numpy._core.multiarray");

    private final Path file;
    private final byte[] buf;
    private int pos;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private RestrictedUnpickler(Path file, byte[] buf) {
        this.file = file;
        this.buf = buf;
    }

    /**
     * Interprets a whole pickle.
     *
     * @param file the file name, for messages
     * @param bytes the file's content
     * @return the unpickled object: {@code List<Object>}, {@link Tuple}, {@code byte[]}, {@code String},
     *     {@code Long}, {@code Boolean}, {@link None} or {@link NdArray}
     * @throws MalformedFileException if the content is not a protocol 2–5 pickle, is truncated, has data
     *     after {@code STOP}, or uses anything outside the allowed subset
     */
    static Object load(Path file, byte[] bytes) throws MalformedFileException {
        return new RestrictedUnpickler(file, bytes).run();
    }

    private Object run() throws MalformedFileException {
        if (buf.length == 0) {
            throw error(0, "empty file; expected a pickle (protocol 2-5)");
        }
        int first = buf[0] & 0xff;
        if (first != 0x80) {
            throw error(0, "not a protocol 2-5 pickle: the first byte is " + hex(first)
                    + ", not the PROTO opcode 0x80 that InsightFace .bin files start with (protocol 0/1 pickles have none)");
        }
        while (true) {
            if (pos >= buf.length) {
                throw error(pos, "truncated: the pickle ends without a STOP opcode");
            }
            int at = pos;
            int op = buf[pos++] & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8(at);
                    if (at != 0) {
                        throw error(at, "PROTO opcode in the middle of the pickle");
                    }
                    if (proto < 2 || proto > 5) {
                        throw error(at, "unsupported pickle protocol " + proto + "; expected 2 to 5");
                    }
                }
                case 0x95 -> take(at, 8); // FRAME: only a length hint
                case '.' -> { // STOP
                    Object result = pop(at);
                    if (!stack.isEmpty() || !marks.isEmpty()) {
                        throw error(at, "STOP with " + stack.size() + " objects left on the stack");
                    }
                    if (pos != buf.length) {
                        throw error(pos, (buf.length - pos) + " bytes of trailing data after the STOP opcode");
                    }
                    return result;
                }
                case '(' -> { // MARK
                    marks.add(stack.size());
                    push(at, MARK);
                }
                case ']' -> push(at, new ArrayList<>()); // EMPTY_LIST
                case 'a' -> { // APPEND
                    Object v = pop(at);
                    list(at, peek(at), "APPEND").add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark(at);
                    list(at, peek(at), "APPENDS").addAll(items);
                }
                case ')' -> push(at, new Tuple(List.of())); // EMPTY_TUPLE
                case 0x85, 0x86, 0x87 -> { // TUPLE1..3
                    int n = op - 0x84;
                    Object[] items = new Object[n];
                    for (int i = n - 1; i >= 0; i--) {
                        items[i] = pop(at);
                    }
                    push(at, new Tuple(Arrays.asList(items)));
                }
                case 't' -> push(at, new Tuple(popMark(at))); // TUPLE
                case 0x88 -> push(at, Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(at, Boolean.FALSE); // NEWFALSE
                case 'N' -> push(at, None.NONE); // NONE
                case 'J' -> push(at, (long) le(at, 4).getInt()); // BININT
                case 'K' -> push(at, (long) u8(at)); // BININT1
                case 'M' -> push(at, (long) (le(at, 2).getShort() & 0xffff)); // BININT2
                case 'T' -> push(at, bytes(at, le(at, 4).getInt())); // BINSTRING (Python 2 str)
                case 'U' -> push(at, bytes(at, u8(at))); // SHORT_BINSTRING
                case 'B' -> push(at, bytes(at, le(at, 4).getInt() & 0xffffffffL)); // BINBYTES
                case 'C' -> push(at, bytes(at, u8(at))); // SHORT_BINBYTES
                case 0x8e -> push(at, bytes(at, le(at, 8).getLong())); // BINBYTES8
                case 'X' -> push(at, text(at, le(at, 4).getInt() & 0xffffffffL)); // BINUNICODE
                case 0x8c -> push(at, text(at, u8(at))); // SHORT_BINUNICODE
                case 0x8d -> push(at, text(at, le(at, 8).getLong())); // BINUNICODE8
                case 'q' -> memo.put((long) u8(at), peek(at)); // BINPUT
                case 'r' -> memo.put(le(at, 4).getInt() & 0xffffffffL, peek(at)); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek(at)); // MEMOIZE
                case 'h' -> push(at, memoGet(at, u8(at))); // BINGET
                case 'j' -> push(at, memoGet(at, le(at, 4).getInt() & 0xffffffffL)); // LONG_BINGET
                case 'c' -> { // GLOBAL "module\nname\n"
                    String module = line(at);
                    String name = line(at);
                    push(at, global(at, module, name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error(at, "STACK_GLOBAL expects two strings on the stack");
                    }
                    push(at, global(at, m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop(at);
                    Object callable = pop(at);
                    push(at, reduce(at, callable, args));
                }
                case 'b' -> { // BUILD
                    Object state = pop(at);
                    build(at, peek(at), state);
                }
                default -> throw error(at, "opcode " + hex(op) + " (" + PickleOpcodes.name(op)
                        + ") is not allowed; this reader interprets only the opcodes of InsightFace verification files");
            }
        }
    }

    private Object global(int at, String module, String name) throws MalformedFileException {
        if (RECONSTRUCT_MODULES.contains(module) && name.equals("_reconstruct")) {
            return AllowedGlobal.RECONSTRUCT;
        }
        if (module.equals("numpy") && name.equals("ndarray")) {
            return AllowedGlobal.NDARRAY;
        }
        if (module.equals("numpy") && name.equals("dtype")) {
            return AllowedGlobal.DTYPE;
        }
        if (module.equals("_codecs") && name.equals("encode")) {
            return AllowedGlobal.CODECS_ENCODE;
        }
        if ((module.equals("__builtin__") || module.equals("builtins")) && name.equals("bytes")) {
            return AllowedGlobal.BYTES;
        }
        throw error(at, "refused global " + printable(module) + "." + printable(name)
                + ": only numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype and the protocol-2 bytes forms"
                + " _codecs.encode and __builtin__.bytes are allowed (nothing is ever imported or called)");
    }

    private Object reduce(int at, Object callable, Object args) throws MalformedFileException {
        if (!(args instanceof Tuple t)) {
            throw error(at, "REDUCE arguments are not a tuple");
        }
        List<Object> a = t.items();
        if (callable == AllowedGlobal.RECONSTRUCT) {
            // numpy: _reconstruct(ndarray, (0,), b'b') makes an empty array that BUILD fills
            if (a.size() != 3 || a.get(0) != AllowedGlobal.NDARRAY || !(a.get(1) instanceof Tuple) || !(a.get(2) instanceof byte[])) {
                throw error(at, "_reconstruct called with other arguments than (numpy.ndarray, shape, typecode)");
            }
            return new NdArray();
        }
        if (callable == AllowedGlobal.DTYPE) {
            // numpy: dtype('u1', False, True)
            if (a.size() != 3 || !(a.get(1) instanceof Boolean) || !(a.get(2) instanceof Boolean)) {
                throw error(at, "numpy.dtype called with other arguments than (code, align, copy)");
            }
            String code = a.get(0) instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(a.get(0));
            if (!code.equals("u1") && !code.equals("|u1")) {
                throw error(at, "numpy dtype '" + printable(code) + "' refused; encoded images are uint8 ('u1') arrays");
            }
            return new Dtype();
        }
        if (callable == AllowedGlobal.CODECS_ENCODE) {
            return latin1(at, a);
        }
        if (callable == AllowedGlobal.BYTES) {
            // Python 3, protocol 2: b'' is pickled as bytes() with no arguments
            if (!a.isEmpty()) {
                throw error(at, "__builtin__.bytes called with arguments; only bytes() (an empty byte string) is accepted");
            }
            return new byte[0];
        }
        throw error(at, "REDUCE may only call numpy.core.multiarray._reconstruct, numpy.dtype, _codecs.encode or"
                + " __builtin__.bytes, not " + describe(callable));
    }

    /**
     * Python 3's protocol-2 form of a {@code bytes} object, {@code _codecs.encode(text, 'latin1')}: character
     * {@code U+00XX} is byte {@code 0xXX}.
     */
    private byte[] latin1(int at, List<Object> a) throws MalformedFileException {
        if (a.size() != 2 || !(a.get(0) instanceof String text) || !(a.get(1) instanceof String encoding)) {
            throw error(at, "_codecs.encode called with other arguments than (text, 'latin1')");
        }
        if (!encoding.equals("latin1") && !encoding.equals("latin-1")) {
            throw error(at, "_codecs.encode with encoding '" + printable(encoding) + "' refused; Python 3 writes bytes at"
                    + " protocol 2 as _codecs.encode(text, 'latin1')");
        }
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw error(at, String.format("_codecs.encode: character U+%04X at index %d is not latin-1", (int) c, i));
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private void build(int at, Object target, Object state) throws MalformedFileException {
        if (!(state instanceof Tuple t)) {
            throw error(at, "BUILD state is not a tuple");
        }
        List<Object> s = t.items();
        if (target instanceof Dtype d) {
            // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
            if (d.built || s.size() < 8 || !(s.get(0) instanceof Long) || s.get(2) != None.NONE || s.get(3) != None.NONE
                    || s.get(4) != None.NONE) {
                throw error(at, "unexpected numpy dtype state; expected a plain uint8 dtype");
            }
            d.built = true;
            return;
        }
        if (target instanceof NdArray arr) {
            // (version, shape, dtype, is_fortran, raw bytes); numpy also accepts the 4-tuple without version
            List<Object> v = s.size() == 5 ? s.subList(1, 5) : s;
            if (arr.data != null || v.size() != 4 || !(v.get(0) instanceof Tuple shape) || !(v.get(1) instanceof Dtype dtype)
                    || !(v.get(2) instanceof Boolean) || !(v.get(3) instanceof byte[] raw)) {
                throw error(at, "unexpected numpy array state; expected (version, shape, uint8 dtype, is_fortran, raw bytes)");
            }
            if (!dtype.built) {
                throw error(at, "numpy array state refers to a dtype that was never built");
            }
            long len = vectorLength(shape);
            if (len < 0) {
                throw error(at, "numpy array of shape " + shape.items()
                        + " refused; encoded images are vectors of shape (n,), (n, 1) or (1, n)");
            }
            if (len != raw.length) {
                throw error(at, "numpy array shape " + shape.items() + " does not match its " + raw.length + " bytes of data");
            }
            arr.data = raw;
            return;
        }
        throw error(at, "BUILD applies only to numpy arrays and dtypes, not " + describe(target));
    }

    /** Returns n for a shape (n,), (n, 1) or (1, n) — cv2.imencode gives (n, 1) — else -1. */
    private static long vectorLength(Tuple shape) {
        List<Object> dims = shape.items();
        if (dims.isEmpty() || dims.size() > 2) {
            return -1;
        }
        for (Object d : dims) {
            if (!(d instanceof Long v) || v < 0) {
                return -1;
            }
        }
        if (dims.size() == 1) {
            return (Long) dims.get(0);
        }
        long a = (Long) dims.get(0);
        long b = (Long) dims.get(1);
        return a == 1 ? b : b == 1 ? a : -1;
    }

    private List<Object> popMark(int at) throws MalformedFileException {
        if (marks.isEmpty()) {
            throw error(at, "no MARK on the stack");
        }
        int base = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(base + 1, stack.size()));
        stack.subList(base, stack.size()).clear();
        return items;
    }

    private void push(int at, Object o) throws MalformedFileException {
        if (stack.size() >= MAX_STACK) {
            throw error(at, "stack deeper than " + MAX_STACK + " objects");
        }
        stack.add(o);
    }

    private Object pop(int at) throws MalformedFileException {
        Object o = peek(at);
        stack.remove(stack.size() - 1);
        return o;
    }

    private Object peek(int at) throws MalformedFileException {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size() - 1)) {
            throw error(at, "stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(int at, Object o, String opcode) throws MalformedFileException {
        if (o instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw error(at, opcode + " on " + describe(o) + ", expected a list");
    }

    private Object memoGet(int at, long key) throws MalformedFileException {
        Object o = memo.get(key);
        if (o == null) {
            throw error(at, "memo key " + key + " was never stored");
        }
        return o;
    }

    private int u8(int at) throws MalformedFileException {
        need(at, 1);
        return buf[pos++] & 0xff;
    }

    private ByteBuffer le(int at, int n) throws MalformedFileException {
        need(at, n);
        ByteBuffer b = ByteBuffer.wrap(buf, pos, n).order(ByteOrder.LITTLE_ENDIAN);
        pos += n;
        return b;
    }

    private void take(int at, int n) throws MalformedFileException {
        need(at, n);
        pos += n;
    }

    private byte[] bytes(int at, long n) throws MalformedFileException {
        if (n < 0) {
            throw error(at, "negative length " + n);
        }
        need(at, n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    private String text(int at, long n) throws MalformedFileException {
        byte[] b = bytes(at, n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw error(at, "a text string is not valid UTF-8");
        }
    }

    private String line(int at) throws MalformedFileException {
        int start = pos;
        int limit = Math.min(buf.length, pos + 256);
        for (int i = start; i < limit; i++) {
            if (buf[i] == '\n') {
                pos = i + 1;
                return new String(buf, start, i - start, StandardCharsets.ISO_8859_1);
            }
        }
        throw error(at, limit == buf.length ? "truncated: GLOBAL name without its newline" : "GLOBAL name longer than 256 bytes");
    }

    private void need(int at, long n) throws MalformedFileException {
        if (n > buf.length - pos) {
            throw error(at, "truncated: " + PickleOpcodes.name(buf[at] & 0xff) + " needs " + n + " bytes after byte "
                    + pos + " but the file has " + (buf.length - pos) + " left");
        }
    }

    private MalformedFileException error(int offset, String what) {
        return new MalformedFileException(file, "pickle byte offset " + offset + ": " + what);
    }

    private static String describe(Object o) {
        if (o instanceof AllowedGlobal g) {
            return "the global " + g;
        }
        if (o instanceof byte[]) {
            return "a byte string";
        }
        return o == MARK ? "a MARK" : o.getClass().getSimpleName();
    }

    private static String printable(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }

    private static String hex(int b) {
        return String.format("0x%02x", b);
    }
}
