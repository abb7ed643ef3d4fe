package io.polyface.core.deps;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, item 6: a user of polyface-core's specs, FLOPs and search needs neither the PyTorch natives nor ONNX Runtime.
 * polyface-core declares them optional (so they are not transitive), and a JVM whose class path lacks every PyTorch and
 * ONNX Runtime jar counts a preset's FLOPs and runs a search with the same results as this one.
 */
class CoreWithoutEnginesTest {

    private static boolean engineJar(String entry) {
        String name = new File(entry).getName().toLowerCase(Locale.ROOT);
        return name.contains("pytorch") || name.contains("onnxruntime");
    }

    @Test
    void pomDeclaresTheEnginesOptional() throws Exception {
        Path pom = Path.of("pom.xml");
        assertThat(pom).as("polyface-core's pom.xml in the module folder (surefire's working directory)").exists();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList deps = doc.getElementsByTagName("dependency");
        List<String> engines = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String group = d.getElementsByTagName("groupId").item(0).getTextContent();
            String artifact = d.getElementsByTagName("artifactId").item(0).getTextContent();
            if (engineJar(group + "." + artifact)) {
                NodeList optional = d.getElementsByTagName("optional");
                assertThat(optional.getLength() == 1 && optional.item(0).getTextContent().equals("true"))
                        .as("%s:%s is <optional>true</optional>", group, artifact).isTrue();
                engines.add(artifact);
            }
        }
        assertThat(engines).contains("pytorch-engine", "pytorch-jni", "${pytorch.native.artifact}", "onnxruntime", "onnxruntime-engine");
    }

    @Test
    void specsFlopsAndSearchRunWithoutPyTorchOrOnnxRuntimeJars() throws Exception {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.asList(full.split(File.pathSeparator));
        List<String> kept = entries.stream().filter(e -> !engineJar(e)).toList();
        assertThat(entries.size() - kept.size()).as("PyTorch and ONNX Runtime jars removed from %s", entries).isGreaterThanOrEqualTo(4);
        for (String name : CoreWithoutEnginesMain.ENGINE_CLASSES) {
            Class.forName(name); // present here, so the child's absence check means something
        }

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = Files.createTempFile("core-without-engines", ".txt");
        try {
            Process p = new ProcessBuilder(java.toString(), "-Xmx1g", "-Dai.djl.offline=true", "-cp", String.join(File.pathSeparator, kept),
                    CoreWithoutEnginesMain.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("child JVM exit status; output:%n%s", output).isZero();
            assertThat(output.strip()).endsWith(CoreWithoutEnginesMain.result());
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
