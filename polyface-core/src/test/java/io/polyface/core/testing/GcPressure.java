package io.polyface.core.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: provokes, between a forward and a backward pass, what a long training step does by chance — a
 * garbage collection that frees the native memory of unreachable Java direct buffers, then small native
 * allocations that reuse it. A tensor that borrows the memory of a closed DJL array (see
 * {@code io.polyface.core.nn.ScalarOps}) then reads junk ({@value #JUNK}) in backward instead of its value.
 */
public final class GcPressure {

    /** The value written into reused memory. */
    public static final float JUNK = 99f;

    private static final List<ByteBuffer> KEPT = new ArrayList<>();

    private GcPressure() {}

    /** Collects garbage (letting the cleaner thread free direct buffers), then fills freed small chunks with junk. */
    public static synchronized void apply() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (int i = 0; i < 2000; i++) {
            ByteBuffer f = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            f.putFloat(0, JUNK);
            ByteBuffer d = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            d.putDouble(0, JUNK);
            KEPT.add(f);
            KEPT.add(d);
        }
        if (KEPT.size() > 200_000) {
            KEPT.clear();
        }
    }
}
