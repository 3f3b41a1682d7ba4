package io.github.parallelworktrees.engine.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run of a feature at a time. An OS file lock on {@code run.lock}: the operating system releases it when
 * the holder dies, even by SIGKILL, so a crashed run never blocks its own resume.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the feature's run lock.
     *
     * @throws RunLockedException when another run of the same feature holds it
     */
    public static RunLock acquire(RunLayout layout) {
        try {
            Files.createDirectories(layout.root());
            FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(layout.lockFile()).strip();
                channel.close();
                throw new RunLockedException("another pwt run of feature '" + layout.feature() + "' is in progress"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to finish, or stop it and"
                        + " use 'pwt resume'");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the run lock " + layout.lockFile(), e);
        }
    }

    /** True when a live run holds the lock (checked without keeping it). */
    public static boolean isHeld(RunLayout layout) {
        if (!Files.exists(layout.lockFile())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
