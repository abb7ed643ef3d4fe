package io.polyface.train.provenance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DataIdentity}: the documented canonical form, checked against an independent computation. */
class DataIdentityTest {

    private static final byte[] A1 = {1, 2, 3};
    private static final byte[] A2 = "ab".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B1 = new byte[70_000]; // more than one 64 KiB read block

    static {
        for (int i = 0; i < B1.length; i++) {
            B1[i] = (byte) (i * 31 + 7);
        }
    }

    private static Path tinyFolder(Path root) throws Exception {
        Files.createDirectories(root.resolve("b"));
        Files.createDirectories(root.resolve("a"));
        Files.write(root.resolve("b/1.png"), B1);
        Files.write(root.resolve("a/2.png"), A2);
        Files.write(root.resolve("a/1.png"), A1);
        return root;
    }

    /** The canonical form written out by hand: lines "path TAB size TAB sha256" LF in path order, then SHA-256. */
    private static String independent(Object[][] files) throws Exception {
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        for (Object[] f : files) {
            byte[] content = (byte[]) f[1];
            String line = f[0] + "\t" + content.length + "\t"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)) + "\n";
            whole.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(whole.digest());
    }

    @Test
    void matchesTheDocumentedCanonicalForm(@TempDir Path tmp) throws Exception {
        DataIdentity id = DataIdentity.of(tinyFolder(tmp.resolve("faces")));
        assertThat(id.sha256()).isEqualTo(independent(new Object[][] {{"a/1.png", A1}, {"a/2.png", A2}, {"b/1.png", B1}}));
        assertThat(id.files()).isEqualTo(3);
        assertThat(id.bytes()).isEqualTo(3 + 2 + 70_000);
    }

    @Test
    void changingOneByteOfOneImageChangesIt(@TempDir Path tmp) throws Exception {
        Path root = tinyFolder(tmp.resolve("faces"));
        DataIdentity before = DataIdentity.of(root);
        byte[] changed = B1.clone();
        changed[40_000] ^= 1;
        Files.write(root.resolve("b/1.png"), changed);
        DataIdentity after = DataIdentity.of(root);
        assertThat(after.sha256()).isNotEqualTo(before.sha256())
                .isEqualTo(independent(new Object[][] {{"a/1.png", A1}, {"a/2.png", A2}, {"b/1.png", changed}}));
        assertThat(after.bytes()).isEqualTo(before.bytes());
    }

    @Test
    void renamingChangesItMovingTheFolderDoesNot(@TempDir Path tmp) throws Exception {
        DataIdentity here = DataIdentity.of(tinyFolder(tmp.resolve("one")));
        assertThat(DataIdentity.of(tinyFolder(tmp.resolve("elsewhere/two")))).isEqualTo(here);
        Path renamed = tinyFolder(tmp.resolve("three"));
        Files.move(renamed.resolve("a/2.png"), renamed.resolve("a/3.png"));
        assertThat(DataIdentity.of(renamed).sha256()).isNotEqualTo(here.sha256());
    }

    @Test
    void aSingleFileIsTheListOfThatFile(@TempDir Path tmp) throws Exception {
        Path rec = tmp.resolve("train.rec");
        Files.write(rec, B1);
        assertThat(DataIdentity.of(rec).sha256()).isEqualTo(independent(new Object[][] {{"train.rec", B1}}));
        assertThatThrownBy(() -> DataIdentity.of(tmp.resolve("missing"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing");
    }
}
