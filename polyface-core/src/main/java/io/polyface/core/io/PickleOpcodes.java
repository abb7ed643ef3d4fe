package io.polyface.core.io;

import java.util.HashMap;
import java.util.Map;

/** Names of the pickle opcodes (CPython {@code Lib/pickletools.py}), for error messages. */
final class PickleOpcodes {

    private static final Map<Integer, String> NAMES;

    static {
        Map<Integer, String> names = new HashMap<>();
        names.put(0x49, "INT");
        names.put(0x4a, "BININT");
        names.put(0x4b, "BININT1");
        names.put(0x4d, "BININT2");
        names.put(0x4c, "LONG");
        names.put(0x8a, "LONG1");
        names.put(0x8b, "LONG4");
        names.put(0x53, "STRING");
        names.put(0x54, "BINSTRING");
        names.put(0x55, "SHORT_BINSTRING");
        names.put(0x42, "BINBYTES");
        names.put(0x43, "SHORT_BINBYTES");
        names.put(0x8e, "BINBYTES8");
        names.put(0x96, "BYTEARRAY8");
        names.put(0x97, "NEXT_BUFFER");
        names.put(0x98, "READONLY_BUFFER");
        names.put(0x4e, "NONE");
        names.put(0x88, "NEWTRUE");
        names.put(0x89, "NEWFALSE");
        names.put(0x56, "UNICODE");
        names.put(0x8c, "SHORT_BINUNICODE");
        names.put(0x58, "BINUNICODE");
        names.put(0x8d, "BINUNICODE8");
        names.put(0x46, "FLOAT");
        names.put(0x47, "BINFLOAT");
        names.put(0x5d, "EMPTY_LIST");
        names.put(0x61, "APPEND");
        names.put(0x65, "APPENDS");
        names.put(0x6c, "LIST");
        names.put(0x29, "EMPTY_TUPLE");
        names.put(0x74, "TUPLE");
        names.put(0x85, "TUPLE1");
        names.put(0x86, "TUPLE2");
        names.put(0x87, "TUPLE3");
        names.put(0x7d, "EMPTY_DICT");
        names.put(0x64, "DICT");
        names.put(0x73, "SETITEM");
        names.put(0x75, "SETITEMS");
        names.put(0x8f, "EMPTY_SET");
        names.put(0x90, "ADDITEMS");
        names.put(0x91, "FROZENSET");
        names.put(0x30, "POP");
        names.put(0x32, "DUP");
        names.put(0x28, "MARK");
        names.put(0x31, "POP_MARK");
        names.put(0x67, "GET");
        names.put(0x68, "BINGET");
        names.put(0x6a, "LONG_BINGET");
        names.put(0x70, "PUT");
        names.put(0x71, "BINPUT");
        names.put(0x72, "LONG_BINPUT");
        names.put(0x94, "MEMOIZE");
        names.put(0x82, "EXT1");
        names.put(0x83, "EXT2");
        names.put(0x84, "EXT4");
        names.put(0x63, "GLOBAL");
        names.put(0x93, "STACK_GLOBAL");
        names.put(0x52, "REDUCE");
        names.put(0x62, "BUILD");
        names.put(0x69, "INST");
        names.put(0x6f, "OBJ");
        names.put(0x81, "NEWOBJ");
        names.put(0x92, "NEWOBJ_EX");
        names.put(0x80, "PROTO");
        names.put(0x2e, "STOP");
        names.put(0x95, "FRAME");
        names.put(0x50, "PERSID");
        names.put(0x51, "BINPERSID");
        NAMES = Map.copyOf(names);
    }

    private PickleOpcodes() {}

    /**
     * Returns the opcode's name.
     *
     * @param op the opcode byte, 0..255
     * @return its pickletools name, or {@code "unknown opcode"}
     */
    static String name(int op) {
        return NAMES.getOrDefault(op, "unknown opcode");
    }
}
