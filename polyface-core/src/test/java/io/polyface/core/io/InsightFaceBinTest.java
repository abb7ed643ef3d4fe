package io.polyface.core.io;

import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The restricted .bin reader: the shared small_lfw.bin, crafted valid variants, and refused files. */
class InsightFaceBinTest {

    @TempDir
    Path dir;

    private static final byte[] JPEG_A = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] JPEG_B = {(byte) 0xFF, (byte) 0xD8, 9, (byte) 0xFF, (byte) 0xD9};

    private Path write(byte[] content) throws Exception {
        return Files.write(dir.resolve("set.bin"), content);
    }

    @Test
    void readsSmallLfwBin() throws Exception {
        VerificationBin bin = InsightFaceBin.read(SharedResources.resolve("data/insightface/small_lfw.bin"));
        assertThat(bin.images()).hasSize(20);
        assertThat(bin.pairCount()).isEqualTo(10);
        assertThat(bin.issame()).containsOnly(true);
        assertThat(bin.genuineCount()).isEqualTo(10);
        // sizes of the first and last arrays, as pickletools lists them: shapes (4996, 1) and (4543, 1), as cv2.imencode returns
        assertThat(bin.images().get(0)).hasSize(4996);
        assertThat(bin.images().get(19)).hasSize(4543);
        for (byte[] img : bin.images()) {
            assertThat(img[0]).isEqualTo((byte) 0xFF);
            assertThat(img[1]).isEqualTo((byte) 0xD8);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(img));
            assertThat(decoded).isNotNull();
            assertThat(decoded.getWidth()).isEqualTo(112);
            assertThat(decoded.getHeight()).isEqualTo(112);
        }
        assertThat(bin.pair(3)).containsExactly(bin.images().get(6), bin.images().get(7));
    }

    @Test
    void readsPython2ByteStrings() throws Exception {
        // what Python 2's pickle.dump((bins, issame_list), f, protocol=2) writes for str images
        PickleBytes p = new PickleBytes().proto(2).emptyList().op('q').u8(0).mark();
        p.py2String(JPEG_A).op('q').u8(1).py2String(JPEG_B).op('q').u8(2);
        p.py2String(new byte[300]).op('r').le32(3).op('h').u8(1).appends();
        p.emptyList().mark().bool(true).bool(false).appends().tuple2().stop();
        VerificationBin bin = InsightFaceBin.read(write(p.toByteArray()));
        assertThat(bin.images()).hasSize(4);
        assertThat(bin.images().get(0)).isEqualTo(JPEG_A);
        assertThat(bin.images().get(1)).isEqualTo(JPEG_B);
        assertThat(bin.images().get(2)).hasSize(300);
        assertThat(bin.images().get(3)).isEqualTo(JPEG_A); // memo BINGET 1
        assertThat(bin.issame()).containsExactly(true, false);
    }

    @Test
    void readsNumpyArraysFromPython2AndNumpy2AndProtocol4() throws Exception {
        for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            for (boolean py2 : new boolean[] {true, false}) {
                PickleBytes p = new PickleBytes().proto(py2 ? 2 : 3).emptyList().mark();
                p.ndarray(module, JPEG_A, py2).ndarray(module, JPEG_B, py2).appends();
                p.emptyList().mark().bool(true).appends().tuple2().stop();
                VerificationBin bin = InsightFaceBin.read(write(p.toByteArray()));
                assertThat(bin.images()).containsExactly(JPEG_A, JPEG_B);
                assertThat(bin.issame()).containsExactly(true);
            }
        }
        // protocol 4: FRAME, STACK_GLOBAL, MEMOIZE, SHORT_BINUNICODE, BINBYTES8
        PickleBytes p = new PickleBytes().proto(4).op(0x95).le64(0);
        p.emptyList().op(0x94).mark();
        p.shortUnicode("numpy._core.multiarray").op(0x94).shortUnicode("_reconstruct").op(0x94).op(0x93).op(0x94);
        p.shortUnicode("numpy").op(0x94).shortUnicode("ndarray").op(0x94).op(0x93).op(0x94);
        p.int1(0).tuple1().bytes(new byte[] {'b'}).tuple3().reduce().op(0x94);
        p.mark().int1(1).int1(JPEG_A.length).tuple1();
        p.shortUnicode("numpy").shortUnicode("dtype").op(0x93).shortUnicode("u1").bool(false).bool(true).tuple3().reduce();
        p.mark().int1(3).shortUnicode("|").op('N').op('N').op('N').op('J').le32(-1).op('J').le32(-1).int1(0).tuple().build();
        p.bool(false).op(0x8e).le64(JPEG_A.length).raw(JPEG_A).tuple().build();
        p.op('h').u8(7); // memo 7 is the first array (after list, 2 strings, global, 2 strings, global), reused as image 2
        p.appends().emptyList().mark().bool(false).appends().tuple2().stop();
        VerificationBin bin = InsightFaceBin.read(write(p.toByteArray()));
        assertThat(bin.images()).containsExactly(JPEG_A, JPEG_A);
        assertThat(bin.issame()).containsExactly(false);
    }

    @Test
    void readsARealPython3Protocol2Pickle() throws Exception {
        // written by CPython 3.11 with NumPy 2: pickle.dumps((bins, [True, False]), protocol=2), where bins holds
        // bytes(range(256)), b'', a uint8 array of bytes 255..0 and a (6, 1) uint8 array FF D8 01 02 FF D9. At protocol 2
        // Python 3 writes each bytes object as _codecs.encode(text, 'latin1') (b'' as __builtin__.bytes()), numpy's raw
        // data and typecode included: see fixtures/pickle/README.md
        Path real = Path.of(InsightFaceBinTest.class.getResource("/fixtures/pickle/py3-protocol2.bin").toURI());
        VerificationBin bin = InsightFaceBin.read(real);
        byte[] ascending = new byte[256];
        byte[] descending = new byte[256];
        for (int i = 0; i < 256; i++) {
            ascending[i] = (byte) i;
            descending[i] = (byte) (255 - i);
        }
        assertThat(bin.images()).hasSize(4);
        assertThat(bin.images().get(0)).isEqualTo(ascending);
        assertThat(bin.images().get(1)).isEmpty();
        assertThat(bin.images().get(2)).isEqualTo(descending);
        assertThat(bin.images().get(3)).containsExactly(0xFF, 0xD8, 1, 2, 0xFF, 0xD9);
        assertThat(bin.issame()).containsExactly(true, false);
    }

    @Test
    void theProtocol2BytesFormRunsNothingAndAcceptsOnlyLatin1Text() throws Exception {
        Path marker = dir.resolve("pwned");
        // _codecs.encode is recognised by name and rebuilt as data: only (str, 'latin1') with code points < 256
        assertRefused(new PickleBytes().proto(2).global("_codecs", "encode").unicode("touch " + marker).unicode("rot13").tuple2()
                .reduce().stop().toByteArray(), "_codecs.encode", "'latin1'");
        assertThat(marker).doesNotExist();
        assertRefused(new PickleBytes().proto(2).global("_codecs", "encode").unicode("\u20ac").unicode("latin1").tuple2()
                .reduce().stop().toByteArray(), "U+20AC");
        assertRefused(new PickleBytes().proto(2).global("_codecs", "encode").int1(3).unicode("latin1").tuple2()
                .reduce().stop().toByteArray(), "_codecs.encode");
        assertRefused(new PickleBytes().proto(2).global("__builtin__", "bytes").int1(3).tuple1().reduce().stop().toByteArray(),
                "bytes()");
        // the rebuilt value is a plain byte string: it cannot be called
        assertRefused(new PickleBytes().proto(2).global("_codecs", "encode").unicode("x").unicode("latin1").tuple2().reduce()
                .op(')').reduce().stop().toByteArray(), "REDUCE may only call");
    }

    private void assertRefused(byte[] content, String... messages) throws Exception {
        Path f = write(content);
        var t = assertThatThrownBy(() -> InsightFaceBin.read(f)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining(f.toString());
        for (String m : messages) {
            t.hasMessageContaining(m);
        }
    }

    @Test
    void refusesMaliciousGlobalsWithoutRunningThem() throws Exception {
        Path marker = dir.resolve("pwned");
        byte[] osSystem = new PickleBytes().proto(2).global("os", "system").unicode("touch " + marker).tuple1().reduce().stop().toByteArray();
        assertRefused(osSystem, "byte offset 2", "refused global os.system");
        assertThat(marker).doesNotExist();
        assertRefused(new PickleBytes().proto(2).global("posix", "system").toByteArray(), "refused global posix.system");
        byte[] stackGlobal = new PickleBytes().proto(4).shortUnicode("builtins").shortUnicode("eval").op(0x93)
                .shortUnicode("1+1").tuple1().reduce().stop().toByteArray();
        assertRefused(stackGlobal, "refused global builtins.eval");
        // protocol-5 numpy arrays need a global beyond the allowed ones
        assertRefused(new PickleBytes().proto(5).global("numpy.core.numeric", "_frombuffer").toByteArray(),
                "refused global numpy.core.numeric._frombuffer");
        // other functions of the codecs module stay refused
        assertRefused(new PickleBytes().proto(2).global("_codecs", "decode").toByteArray(), "refused global _codecs.decode");
        // an allowed name under another module is still refused
        assertRefused(new PickleBytes().proto(2).global("evil", "_reconstruct").toByteArray(), "refused global evil._reconstruct");
    }

    @Test
    void refusesObjectBuildingOpcodesAndMisuseOfTheAllowedGlobals() throws Exception {
        assertRefused(new PickleBytes().proto(2).global("numpy", "ndarray").op(')').op(0x81).stop().toByteArray(),
                "opcode 0x81 (NEWOBJ) is not allowed");
        assertRefused(new PickleBytes().proto(2).mark().raw("ios\nsystem\n".getBytes(StandardCharsets.US_ASCII)).toByteArray(),
                "opcode 0x69 (INST) is not allowed");
        assertRefused(new PickleBytes().proto(2).op('}').toByteArray(), "EMPTY_DICT");
        assertRefused(new PickleBytes().proto(2).op('P').toByteArray(), "PERSID");
        // numpy.ndarray may not be called directly, and dtype must be uint8
        assertRefused(new PickleBytes().proto(2).global("numpy", "ndarray").int1(3).tuple1().reduce().stop().toByteArray(),
                "REDUCE may only call");
        assertRefused(new PickleBytes().proto(3).global("numpy", "dtype").unicode("f4").bool(false).bool(true).tuple3().reduce()
                .stop().toByteArray(), "numpy dtype 'f4' refused");
        // BUILD on a list (would be __setstate__ on an arbitrary object in CPython)
        assertRefused(new PickleBytes().proto(2).emptyList().op(')').build().stop().toByteArray(),
                "BUILD applies only to numpy arrays and dtypes");
        // an array whose shape disagrees with its bytes
        PickleBytes p = new PickleBytes().proto(3).emptyList().mark();
        byte[] good = p.ndarray("numpy.core.multiarray", JPEG_A, false).toByteArray();
        byte[] bad = good.clone();
        int at = indexOf(bad, new byte[] {'J', (byte) JPEG_A.length, 0, 0, 0});
        bad[at + 1] = 99;
        assertRefused(bad, "shape [99] does not match its 7 bytes");
    }

    @Test
    void refusesWrongProtocolsAndNonPickles() throws Exception {
        assertRefused("(lp0\nS'abc'\np1\na.".getBytes(StandardCharsets.US_ASCII), "not a protocol 2-5 pickle", "0x28");
        assertRefused(new PickleBytes().proto(6).emptyList().stop().toByteArray(), "unsupported pickle protocol 6");
        assertRefused(new PickleBytes().proto(1).emptyList().stop().toByteArray(), "unsupported pickle protocol 1");
        assertRefused(new byte[] {0x0A, 0x23, (byte) 0xD7, (byte) 0xCE, 0, 0, 0, 0}, "not a protocol 2-5 pickle"); // RecordIO magic
        assertRefused(new byte[0], "empty file");
    }

    @Test
    void refusesTruncatedAndTrailingData() throws Exception {
        byte[] real = Files.readAllBytes(SharedResources.resolve("data/insightface/small_lfw.bin"));
        for (int cut : new int[] {1, 2, 5, 151, 154, 5000, real.length / 2, real.length - 1}) {
            assertRefused(Arrays.copyOf(real, cut), "truncated");
        }
        byte[] trailing = Arrays.copyOf(real, real.length + 3);
        assertRefused(trailing, "3 bytes of trailing data after the STOP opcode");
        // a length that claims more than the file holds is refused before anything is allocated
        assertRefused(new PickleBytes().proto(3).op('B').le32(Integer.MAX_VALUE).toByteArray(), "truncated", "needs 2147483647 bytes");
        assertRefused(new PickleBytes().proto(4).op(0x8e).le64(Long.MAX_VALUE).toByteArray(), "truncated");
        assertRefused(new PickleBytes().proto(2).op('T').le32(-5).toByteArray(), "negative length -5");
    }

    @Test
    void refusesTheWrongStructure() throws Exception {
        assertRefused(new PickleBytes().proto(2).emptyList().stop().toByteArray(), "holds a list of 0", "expected a tuple");
        assertRefused(new PickleBytes().proto(2).emptyList().emptyList().emptyList().tuple3().stop().toByteArray(), "a tuple of 3");
        assertRefused(new PickleBytes().proto(2).emptyList().mark().int1(7).appends().emptyList().tuple2().stop().toByteArray(),
                "image 0 is a Long");
        assertRefused(new PickleBytes().proto(3).emptyList().mark().bytes(JPEG_A).appends().emptyList().mark().int1(1).appends()
                .tuple2().stop().toByteArray(), "issame flag 0 is a Long");
        assertRefused(new PickleBytes().proto(3).emptyList().mark().bytes(JPEG_A).bytes(JPEG_B).bytes(JPEG_A).appends()
                .emptyList().mark().bool(true).appends().tuple2().stop().toByteArray(), "3 images for 1 issame flags");
        assertRefused(new PickleBytes().proto(2).op('e').toByteArray(), "no MARK");
        assertRefused(new PickleBytes().proto(2).op('h').u8(4).toByteArray(), "memo key 4 was never stored");
        assertRefused(new PickleBytes().proto(2).emptyList().emptyList().stop().toByteArray(), "STOP with 1 objects left");
        assertRefused(new PickleBytes().proto(2).mark().stop().toByteArray(), "stack underflow");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
