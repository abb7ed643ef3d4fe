package io.polyface.cli;

import io.polyface.cli.common.Json;
import io.polyface.cli.common.ResultCommand;
import io.polyface.core.nn.EngineCheck;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code polyface selftest}: checks the native engine on this processor against the double-precision reference. */
@Command(name = "selftest",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that DJL's PyTorch engine computes PolyFace networks correctly on this processor: small networks with",
            "every layer type, batches 1, 2, 3 and 7, NCHW and channels-last, against the same networks computed in double",
            "precision in plain Java. Exit status 0 when every case is within relative L2 1e-5, 1 otherwise (naming the",
            "first stage that disagrees). About a minute on 2 cores.",
        })
public final class SelftestCommand extends ResultCommand {

    @Override
    public Integer call() {
        PrintWriter out = out();
        String cpu = processor();
        List<EngineCheck.Case> cases = EngineCheck.run();
        boolean ok = cases.stream().allMatch(EngineCheck.Case::passed);
        if (json.enabled()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("processor", cpu);
            o.put("passed", ok);
            o.put("limit", EngineCheck.LIMIT);
            o.put("cases", cases);
            out.println(Json.line(o));
        } else {
            out.printf("processor: %s%n", cpu);
            out.printf("%-34s %5s %6s %12s  %s%n", "network", "batch", "layout", "relative L2", "result");
            for (EngineCheck.Case c : cases) {
                out.printf("%-34s %5d %6s %12.3g  %s%n", c.network(), c.batch(), c.channelsLast() ? "NHWC" : "NCHW",
                        c.relativeL2(), c.passed() ? "ok" : "WRONG (first disagreeing stage: " + c.firstBadStage() + ")");
            }
            out.println(ok ? "selftest passed: the engine agrees with the reference on this processor"
                    : "selftest FAILED: the native engine computes wrong numbers on this processor (see above)");
        }
        return ok ? 0 : 1;
    }

    /** @return the model name from /proc/cpuinfo, else the JVM's architecture */
    static String processor() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
