package io.polyface.core.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode on the calling thread: whether operations record the autograd graph. It is thread-local in
 * libtorch and on by default; DJL switches it off only on the thread that loads the engine, and its gradient collector
 * switches it on for its lifetime and then restores what it found. On any other thread — a worker pool, a server's
 * request thread, a Spark task, a JMH worker — operations outside a collector would therefore record a graph: the
 * optimiser's in-place update of a parameter then fails ("a leaf Variable that requires grad is being used in an
 * in-place operation"), evaluation forwards build graphs they never use, and the stateful margin losses take a
 * validation pass for a training step. Training and evaluation entry points therefore run under
 * {@code try (GradMode.Scope off = GradMode.off()) { ... }}, which gives every thread the engine thread's state.
 */
public final class GradMode {

    private GradMode() {}

    /**
     * Switches grad mode off on the calling thread (loading DJL's PyTorch engine if needed) until the scope is closed.
     *
     * @return the scope; closing it restores the mode found (on the calling thread)
     */
    public static Scope off() {
        Engine.getEngine("PyTorch");
        boolean was = JniUtils.isGradMode();
        if (was) {
            JniUtils.setGradMode(false);
        }
        return new Scope(was);
    }

    /** Restores the grad mode found by {@link #off()} when closed; close it on the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        private final boolean restore;

        private Scope(boolean restore) {
            this.restore = restore;
        }

        @Override
        public void close() {
            if (restore) {
                JniUtils.setGradMode(true);
            }
        }
    }
}
