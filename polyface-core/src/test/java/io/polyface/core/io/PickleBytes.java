package io.polyface.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand (CPython Lib/pickletools.py), to craft test files. */
final class PickleBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    PickleBytes u8(int v) {
        out.write(v);
        return this;
    }

    PickleBytes le32(int v) {
        return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    PickleBytes le64(long v) {
        return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    PickleBytes proto(int p) {
        return op(0x80).u8(p);
    }

    PickleBytes global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    PickleBytes shortUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op(0x8c).u8(b.length).raw(b);
    }

    PickleBytes unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').le32(b.length).raw(b);
    }

    /** Python-2 str: SHORT_BINSTRING below 256 bytes, else BINSTRING. */
    PickleBytes py2String(byte[] b) {
        return b.length < 256 ? op('U').u8(b.length).raw(b) : op('T').le32(b.length).raw(b);
    }

    /** Python-3 bytes: SHORT_BINBYTES below 256 bytes, else BINBYTES. */
    PickleBytes bytes(byte[] b) {
        return b.length < 256 ? op('C').u8(b.length).raw(b) : op('B').le32(b.length).raw(b);
    }

    PickleBytes int1(int v) {
        return op('K').u8(v);
    }

    PickleBytes bool(boolean b) {
        return op(b ? 0x88 : 0x89);
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes emptyList() {
        return op(']');
    }

    PickleBytes appends() {
        return op('e');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes tuple1() {
        return op(0x85);
    }

    PickleBytes tuple2() {
        return op(0x86);
    }

    PickleBytes tuple3() {
        return op(0x87);
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes build() {
        return op('b');
    }

    PickleBytes stop() {
        return op('.');
    }

    /**
     * A numpy uint8 1-D array as numpy pickles it at protocol 2/3:
     * {@code _reconstruct(ndarray, (0,), b'b')} then BUILD with {@code (1, (n,), dtype('u1'), False, data)}.
     */
    PickleBytes ndarray(String reconstructModule, byte[] data, boolean py2Strings) {
        global(reconstructModule, "_reconstruct").global("numpy", "ndarray").int1(0).tuple1();
        (py2Strings ? py2String(new byte[] {'b'}) : bytes(new byte[] {'b'})).tuple3().reduce();
        mark().int1(1);
        op('J').le32(data.length).tuple1();
        global("numpy", "dtype");
        if (py2Strings) {
            py2String("u1".getBytes(StandardCharsets.US_ASCII));
        } else {
            unicode("u1");
        }
        bool(false).bool(true).tuple3().reduce();
        mark().int1(3);
        if (py2Strings) {
            py2String(new byte[] {'|'});
        } else {
            unicode("|");
        }
        op('N').op('N').op('N').op('J').le32(-1).op('J').le32(-1).int1(0).tuple().build();
        bool(false);
        (py2Strings ? py2String(data) : bytes(data)).tuple().build();
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
