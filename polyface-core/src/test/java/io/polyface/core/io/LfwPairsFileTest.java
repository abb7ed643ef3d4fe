package io.polyface.core.io;

import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official LFW pairs.txt parses into 10 folds of 300 + 300; every malformation names its line. */
class LfwPairsFileTest {

    @TempDir
    Path dir;

    private static Path official() {
        return SharedResources.resolve("data/lfw/pairs.txt");
    }

    @Test
    void parsesTheOfficialList() throws Exception {
        LfwPairList list = LfwPairsFile.read(official());
        assertThat(list.folds()).isEqualTo(10);
        assertThat(list.pairsPerClass()).isEqualTo(300);
        assertThat(list.pairs()).hasSize(6000);
        assertThat(list.pairs().stream().filter(LfwPair::genuine).count()).isEqualTo(3000);
        LfwPair first = list.pairs().get(0); // line 2: Abel_Pacheco	1	4
        assertThat(first).isEqualTo(new LfwPair(0, "Abel_Pacheco", 1, "Abel_Pacheco", 4, true));
        assertThat(first.path1()).isEqualTo("Abel_Pacheco/Abel_Pacheco_0001.jpg");
        assertThat(first.path2()).isEqualTo("Abel_Pacheco/Abel_Pacheco_0004.jpg");
        // line 302, the first impostor pair of fold 1: Abdel_Madi_Shabneh	1	Dean_Barker	1
        assertThat(list.pairs().get(300)).isEqualTo(new LfwPair(0, "Abdel_Madi_Shabneh", 1, "Dean_Barker", 1, false));
        // the last line, read back from the file
        List<String> lines = Files.readAllLines(official());
        String[] last = lines.get(6000).split("\t");
        LfwPair p = list.pairs().get(5999);
        assertThat(p.fold()).isEqualTo(9);
        assertThat(p.genuine()).isFalse();
        assertThat(new String[] {p.name1(), String.valueOf(p.index1()), p.name2(), String.valueOf(p.index2())}).containsExactly(last);
        for (int i = 0; i < 6000; i++) {
            assertThat(list.foldOf(i)).isEqualTo(i / 600);
            assertThat(list.pairs().get(i).genuine()).isEqualTo(i % 600 < 300);
        }
    }

    private Path variant(java.util.function.Consumer<List<String>> edit) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(official()));
        edit.accept(lines);
        return Files.write(dir.resolve("pairs.txt"), lines, StandardCharsets.UTF_8);
    }

    private void assertRefused(java.util.function.Consumer<List<String>> edit, String... messages) throws Exception {
        Path f = variant(edit);
        var thrown = assertThatThrownBy(() -> LfwPairsFile.read(f)).isInstanceOf(MalformedFileException.class);
        for (String m : messages) {
            thrown.hasMessageContaining(m);
        }
    }

    @Test
    void malformedListsAreRefusedNamingTheLine() throws Exception {
        assertRefused(l -> l.set(4, ""), "line 5 is blank");
        assertRefused(l -> l.add(4, "   "), "line 5 is blank");
        assertRefused(l -> l.set(0, "10 300"), "line 1", "tab-separated");
        assertRefused(l -> l.set(0, "ten\t300"), "line 1", "number of folds 'ten'");
        assertRefused(l -> l.set(9, "Abel_Pacheco\t1"), "line 10", "expected a genuine pair", "got 2 fields");
        assertRefused(l -> l.set(9, "Abel_Pacheco\t1\tX\t2"), "line 10", "expected a genuine pair", "got 4 fields");
        assertRefused(l -> l.set(350, "Abel_Pacheco\t1\t2"), "line 351", "expected an impostor pair");
        assertRefused(l -> l.set(350, "Abel_Pacheco\t1\tAbel_Pacheco\t2"), "line 351", "same person twice");
        assertRefused(l -> l.set(20, "Abel_Pacheco\t0\t4"), "line 21", "image number '0' is not a positive integer");
        assertRefused(l -> l.set(20, "Abel_Pacheco\tone\t4"), "line 21", "image number 'one'");
        assertRefused(l -> l.set(20, "Abel Pacheco\t1\t4"), "line 21", "tab-separated");
        assertRefused(l -> l.remove(l.size() - 1), "ends after line 6000", "6001 lines");
        assertRefused(l -> l.add("Abel_Pacheco\t1\t4"), "line 6002", "end of the file");
    }

    @Test
    void aSmallWellFormedListParses() throws Exception {
        Path f = Files.writeString(dir.resolve("p.txt"), "2\t1\nA\t1\t2\nA\t1\tB\t1\nC\t3\t4\nC\t2\tD\t9\n");
        LfwPairList list = LfwPairsFile.read(f);
        assertThat(list.pairs()).containsExactly(new LfwPair(0, "A", 1, "A", 2, true), new LfwPair(0, "A", 1, "B", 1, false),
                new LfwPair(1, "C", 3, "C", 4, true), new LfwPair(1, "C", 2, "D", 9, false));
    }
}
