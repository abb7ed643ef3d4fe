package io.polyface.core.ort;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One ONNX Runtime session shared by concurrent callers (ONNX Runtime's {@code Run} is thread-safe) and closed once:
 * {@link #call} runs work under a read lock and fails once the session is closed; {@link #close()} takes the write
 * lock, so it waits for running calls. Used by the library's ONNX models (face detector, embedder).
 */
public final class SharedSession implements AutoCloseable {

    private final OrtSession session;
    private final Path model;
    private final String owner;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * @param session the open session; this object owns it from now on
     * @param model the model file, for messages
     * @param owner what uses the session, for messages, e.g. {@code "FaceEmbedder"}
     */
    public SharedSession(OrtSession session, Path model, String owner) {
        this.session = session;
        this.model = model;
        this.owner = owner;
    }

    /**
     * Runs {@code work} while the session cannot be closed.
     *
     * @param <T> the result type
     * @param work the work (it may use the session concurrently with other calls)
     * @return its result
     * @throws IllegalStateException if the session is closed ({@code "<owner> for <model> is closed"})
     */
    public <T> T call(Supplier<T> work) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(owner + " for " + model + " is closed");
            }
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Waits for running calls, then releases the session. Idempotent.
     *
     * @throws IllegalStateException if ONNX Runtime fails to close the session (naming the model)
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session of " + model + " failed", e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
