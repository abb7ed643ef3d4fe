package io.polyface.train.testing;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one PyTorch intra-op thread, restoring the previous count afterwards. On the
 * shared two-core build machines PyTorch's default (one OpenMP thread per core, spinning while it
 * waits) made a training step 3 to 5 times slower than one thread whenever other builds ran
 * (measured on training steps of the quality net, batches of 32 frames: 0.7 s vs 2.4–4.5 s per step at
 * load 6); with
 * the machine idle the difference is small.
 */
public final class OneTorchThread implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OneTorchThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Engine.getEngine("PyTorch");
        context.getStore(NAMESPACE).put("threads", JniUtils.getNumThreads());
        JniUtils.setNumThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Integer previous = context.getStore(NAMESPACE).get("threads", Integer.class);
        if (previous != null) {
            JniUtils.setNumThreads(previous);
        }
    }
}
