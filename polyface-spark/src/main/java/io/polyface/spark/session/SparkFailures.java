package io.polyface.spark.session;

import org.apache.spark.SparkException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns a failed Spark job back into the error that failed its task, so that bad input found on an executor (an
 * unreadable image in strict mode, a row of another dimension, a model that cannot be loaded) reaches the user as the
 * same one-line reason as in a single JVM ({@link IllegalArgumentException} or {@link IOException}: exit status 2),
 * not as Spark's "Job aborted due to stage failure" with a stack trace inside.
 */
public final class SparkFailures {

    /** A Spark action. */
    @FunctionalInterface
    public interface Action<T> {
        /**
         * @return the action's result
         * @throws Exception whatever the action throws
         */
        T run() throws Exception;
    }

    private SparkFailures() {}

    /**
     * Runs an action; a task's {@link IllegalArgumentException}, {@link IOException} or {@link IllegalStateException}
     * found in the cause chain of a {@link SparkException} is rethrown as such (its message kept).
     *
     * @param action the action
     * @param <T> its result type
     * @return its result
     * @throws IOException the task's I/O error
     * @throws IllegalArgumentException the task's bad-input error
     * @throws IllegalStateException the task's other failure, or Spark's message when no cause came back
     */
    public static <T> T rethrow(Action<T> action) throws IOException {
        try {
            return action.run();
        } catch (SparkException e) {
            throw unwrap(e);
        } catch (IOException | RuntimeException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof SparkException s) {
                    throw unwrap(s);
                }
                cause = cause.getCause();
            }
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static RuntimeException unwrap(SparkException e) throws IOException {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException a) {
                throw new IllegalArgumentException(a.getMessage(), e);
            }
            if (t instanceof UncheckedIOException u) {
                throw new IOException(u.getCause().getMessage(), e);
            }
            if (t instanceof IOException io) {
                throw new IOException(io.getMessage(), e);
            }
            if (t instanceof IllegalStateException s) {
                return new IllegalStateException(s.getMessage(), e);
            }
        }
        String m = String.valueOf(e.getMessage());
        int newline = m.indexOf('\n');
        return new IllegalStateException(newline < 0 ? m : m.substring(0, newline), e);
    }
}
