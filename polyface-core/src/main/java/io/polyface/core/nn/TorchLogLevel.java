package io.polyface.core.nn;

import ai.djl.engine.Engine;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sets the level below which libtorch's C++ log (c10's {@code LOG(...)} and {@code TORCH_WARN}, written straight to
 * the process's standard error) stays silent. Its warnings are nothing a PolyFace user can act on — e.g.
 * {@code Could not initialize NNPACK! Reason: Unsupported hardware.} on some processors and virtual machines, and
 * {@code AutoNonVariableTypeMode is deprecated} from DJL's own native code — so the default level is {@code ERROR}.
 *
 * <p>PyTorch documents the environment variable {@code TORCH_CPP_LOG_LEVEL} ({@code INFO}, {@code WARNING},
 * {@code ERROR}, {@code FATAL} or 0..3) for this, but only Python's {@code import torch} applies it (through
 * {@code c10::initLogging()}); a JVM that loads libtorch through DJL never does, and DJL has no API for it. This class
 * writes the level into libc10's exported flag {@code FLAGS_caffe2_log_level} (found through the libraries the
 * process has mapped, on Linux) with JNA, honouring {@code TORCH_CPP_LOG_LEVEL} when it is set — so
 * {@code TORCH_CPP_LOG_LEVEL=WARNING} brings the warnings back. It runs once, when the first {@link SpecNetwork} is
 * built (before any convolution or parameter copy); where libc10 cannot be found it does nothing.
 */
public final class TorchLogLevel {

    /** c10's levels: INFO 0, WARNING 1, ERROR 2, FATAL 3. */
    static final int ERROR = 2;
    private static final String FLAG = "FLAGS_caffe2_log_level";
    private static final AtomicBoolean APPLIED = new AtomicBoolean();

    private TorchLogLevel() {}

    /**
     * Applies the level once per process: {@code TORCH_CPP_LOG_LEVEL} if set (and valid), else {@code ERROR}. Loads
     * DJL's PyTorch engine if it is not loaded yet.
     *
     * @return the level written, or empty when libc10's flag could not be found (nothing changed)
     */
    public static Optional<Integer> apply() {
        if (!APPLIED.compareAndSet(false, true)) {
            return Optional.empty();
        }
        return apply(parse(System.getenv("TORCH_CPP_LOG_LEVEL")).orElse(ERROR));
    }

    /**
     * Writes a level now.
     *
     * @param level 0 (INFO) .. 3 (FATAL)
     * @return the level written, or empty when libc10's flag could not be found
     */
    static Optional<Integer> apply(int level) {
        try {
            Engine.getEngine("PyTorch"); // maps libc10 into the process
            Optional<Path> c10 = mappedLibrary("libc10.");
            if (c10.isEmpty()) {
                return Optional.empty();
            }
            Pointer flag = NativeLibrary.getInstance(c10.get().toString()).getGlobalVariableAddress(FLAG);
            flag.setInt(0, level);
            return Optional.of(level);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // logging is never a reason to fail
        }
    }

    /**
     * @return the level libc10 uses now, or empty when it cannot be read
     */
    static Optional<Integer> current() {
        try {
            Optional<Path> c10 = mappedLibrary("libc10.");
            return c10.map(p -> NativeLibrary.getInstance(p.toString()).getGlobalVariableAddress(FLAG).getInt(0));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * @param text {@code INFO}, {@code WARNING}, {@code ERROR}, {@code FATAL} (any case) or {@code 0}..{@code 3}
     * @return c10's level, or empty for anything else (unset included)
     */
    static Optional<Integer> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "0", "INFO" -> Optional.of(0);
            case "1", "WARNING" -> Optional.of(1);
            case "2", "ERROR" -> Optional.of(2);
            case "3", "FATAL" -> Optional.of(3);
            default -> Optional.empty();
        };
    }

    /** The file of a native library mapped into this process whose name starts with {@code prefix} (Linux). */
    private static Optional<Path> mappedLibrary(String prefix) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(maps, StandardCharsets.ISO_8859_1)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                Path file = Path.of(line.substring(slash).strip());
                if (file.getFileName().toString().startsWith(prefix)) {
                    return Optional.of(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
