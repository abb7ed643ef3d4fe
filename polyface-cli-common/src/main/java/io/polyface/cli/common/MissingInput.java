package io.polyface.cli.common;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The one-line reason for a missing input file or folder: which option named it (when one did), the path, and "no
 * such file", e.g. {@code --features feats.bin: no such file}. A library reports a missing file as a
 * {@link NoSuchFileException} naming only the path; the option is found here by comparing that path with the values
 * the command line gave.
 */
final class MissingInput {

    private MissingInput() {}

    /**
     * @param error what a sub-command threw
     * @param command the sub-command
     * @return the reason, or {@code null} when the error is not (caused by) a missing file
     */
    static String describe(Throwable error, CommandLine command) {
        NoSuchFileException missing = find(error);
        if (missing == null || missing.getFile() == null) {
            return null;
        }
        String option = command.getParseResult() == null ? null : optionNaming(command.getParseResult(), missing.getFile());
        StringBuilder b = new StringBuilder();
        if (option != null) {
            b.append(option).append(' ');
        }
        b.append(missing.getFile()).append(": no such file");
        if (missing.getReason() != null && !missing.getReason().isBlank()) {
            b.append("; ").append(missing.getReason());
        }
        return b.toString();
    }

    private static NoSuchFileException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoSuchFileException n) {
                return n;
            }
        }
        return null;
    }

    private static String optionNaming(CommandLine.ParseResult parsed, String file) {
        Path target = normal(file);
        if (target == null) {
            return null;
        }
        for (ArgSpec arg : parsed.matchedArgs()) {
            if (arg instanceof CommandLine.Model.OptionSpec o && names(arg.getValue(), target)) {
                return o.longestName();
            }
        }
        return null;
    }

    private static boolean names(Object value, Path target) {
        if (value instanceof Collection<?> c) {
            return c.stream().anyMatch(v -> names(v, target));
        }
        if (value instanceof Path || value instanceof String) {
            Path p = normal(value.toString());
            return target.equals(p);
        }
        return false;
    }

    private static Path normal(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
