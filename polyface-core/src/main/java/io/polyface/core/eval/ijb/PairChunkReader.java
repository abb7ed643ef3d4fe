package io.polyface.core.eval.ijb;

import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reading side of {@link TemplatePairScorer}: parses a pair list on its own thread
 * ({@link TemplatePairFile#stream}) into chunks of consecutive pairs, each pair held as indices into the chunk's
 * distinct first and second templates, and hands them over through a small queue; three chunks are recycled.
 * A chunk closes when it is full or when its distinct first × second templates would exceed the tile limit.
 * Pairs of known templates without a feature are counted and dropped; an unknown id stops the reading with a
 * {@link MalformedFileException} naming the line.
 */
final class PairChunkReader implements Runnable {

    /** Marks the end of the chunks. */
    static final Chunk END = new Chunk(0);

    private final Path file;
    private final TemplateFeatures templates;
    private final int maxTileScores;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(4);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private final Seen rowSeen;
    private final Seen colSeen;
    private int stamp = 1;
    private Chunk current;
    private long lastFirstId = -1;
    private int lastFirst;
    volatile long pairs;
    volatile long skipped;

    PairChunkReader(Path file, TemplateFeatures templates, int chunkPairs, int maxTileScores) {
        this.file = file;
        this.templates = templates;
        this.maxTileScores = maxTileScores;
        int t = templates.size();
        rowSeen = new Seen(t);
        colSeen = new Seen(t);
        for (int i = 0; i < 3; i++) {
            free.add(new Chunk(chunkPairs));
        }
    }

    @Override
    public void run() {
        try {
            long[] counts = {0, 0};
            current = free.take();
            TemplatePairFile.stream(file, (t1, t2, genuine, line) -> {
                counts[0]++;
                int a = t1 == lastFirstId ? lastFirst : lookup(t1, line); // lists grouped by the first template
                lastFirstId = t1;
                lastFirst = a;
                int b = lookup(t2, line);
                if (a < 0 || b < 0) {
                    counts[1]++;
                    return;
                }
                add(a, b, genuine, line);
            });
            pairs = counts[0];
            skipped = counts[1];
            if (current.size > 0) {
                put(current);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            try {
                putEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int lookup(long id, long line) throws MalformedFileException {
        int i = templates.indexOf(id);
        if (i == TemplateFeatures.UNKNOWN) {
            throw new MalformedFileException(file, "line " + line + ": template id " + id + " is not a template of "
                    + templates.source() + "; every template of the pair list must be defined there");
        }
        return i;
    }

    private void add(int a, int b, boolean genuine, long line) throws IOException {
        Chunk c = current;
        long tile = (long) (c.rows.count + (rowSeen.isNew(a, stamp) ? 1 : 0)) * (c.cols.count + (colSeen.isNew(b, stamp) ? 1 : 0));
        if (c.size == c.left.length || (c.size > 0 && tile > maxTileScores)) {
            put(c);
            c = current;
        }
        c.left[c.size] = rowSeen.localIndex(a, stamp, c.rows);
        c.right[c.size] = colSeen.localIndex(b, stamp, c.cols);
        c.genuine[c.size] = genuine;
        c.size++;
        c.lastLine = line;
    }

    /** Hands a full chunk over and starts a fresh one (a new stamp makes every template new to it). */
    private void put(Chunk c) throws IOException {
        try {
            while (!full.offer(c, 100, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new IOException("pair scoring stopped");
                }
            }
            Chunk next = null;
            while (next == null) {
                next = free.poll(100, TimeUnit.MILLISECONDS);
                if (next == null && stopped) {
                    throw new IOException("pair scoring stopped");
                }
            }
            next.clear();
            current = next;
            stamp++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("pair reading interrupted", e);
        }
    }

    private void putEnd() throws InterruptedException {
        while (!full.offer(END, 100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                return;
            }
        }
    }

    /** @return the next full chunk, or {@link #END} */
    Chunk take() {
        try {
            return full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pair scoring interrupted", e);
        }
    }

    /** @param c a chunk the scorer is done with */
    void recycle(Chunk c) {
        free.offer(c);
    }

    /** Stops the reading thread at its next hand-over (after the last chunk, or on a failure). */
    void stop() {
        stopped = true;
        full.clear();
    }

    /**
     * Rethrows what stopped the reading thread, if anything.
     *
     * @throws IOException a malformed or unreadable file
     */
    void rethrow() throws IOException {
        Throwable f = failure.get();
        if (f == null) {
            return;
        }
        if (f instanceof IOException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("reading " + file + " failed: " + f, f);
    }

    /** Consecutive pairs, as local row/column indices into their distinct templates. */
    static final class Chunk {
        final int[] left;
        final int[] right;
        final boolean[] genuine;
        final Side rows = new Side();
        final Side cols = new Side();
        int size;
        long lastLine;

        Chunk(int capacity) {
            left = new int[capacity];
            right = new int[capacity];
            genuine = new boolean[capacity];
        }

        void clear() {
            size = 0;
            rows.count = 0;
            cols.count = 0;
        }
    }

    /** The distinct templates of one side (first or second template) of a chunk, in order of appearance. */
    static final class Side {
        int[] templates = new int[256];
        int count;
    }

    /**
     * Which templates the current chunk has seen on one side, and where: a template is new to a chunk when
     * its stamp is not the chunk's, so nothing is cleared between chunks.
     */
    private static final class Seen {
        private final int[] stamp;
        private final int[] local;

        Seen(int templates) {
            stamp = new int[templates];
            local = new int[templates];
        }

        boolean isNew(int template, int chunkStamp) {
            return stamp[template] != chunkStamp;
        }

        /** The template's index within the side, adding it if new. */
        int localIndex(int template, int chunkStamp, Side side) {
            if (stamp[template] != chunkStamp) {
                stamp[template] = chunkStamp;
                if (side.count == side.templates.length) {
                    side.templates = java.util.Arrays.copyOf(side.templates, side.count * 2);
                }
                local[template] = side.count;
                side.templates[side.count++] = template;
            }
            return local[template];
        }
    }
}
