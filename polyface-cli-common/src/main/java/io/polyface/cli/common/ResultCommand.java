package io.polyface.cli.common;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Base of the sub-commands of {@code polyface} and {@code polyface-spark} that print one result, as text or (with
 * {@code --json}, {@link JsonOutput}) one JSON object: picocli injects the command spec and the {@code --json}
 * mixin here, so that each sub-command declares only its own options.
 */
public abstract class ResultCommand implements Callable<Integer> {

    /** The running command (picocli injects it); its streams are standard output and error. */
    @Spec
    protected CommandSpec spec;

    /** The {@code --json} flag and the printing it chooses. */
    @Mixin
    protected JsonOutput json;

    /** @return the command line's standard output */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** @return the command line's standard error */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
