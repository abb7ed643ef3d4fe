package io.polyface.bench.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The processor's name as Linux reports it ({@code /proc/cpuinfo}, first "model name"). */
final class Processor {

    private Processor() {}

    /** @return the model name, or {@code os.arch} where /proc/cpuinfo is absent or has none */
    static String modelName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException absent) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
