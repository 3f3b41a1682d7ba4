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
 *
 * <p>The lock is a POSIX record lock, which the OS drops when the holding process closes <em>any</em> channel on
 * the file. So a look from the JVM that holds it (a status read by the Jenkins controller or a test while its run
 * goes on) must not open the file: the locks this JVM holds are known without it.
 */
public final class RunLock implements AutoCloseable {

    private static final java.util.Set<java.nio.file.Path> HELD_HERE = java.util.concurrent.ConcurrentHashMap
            .newKeySet();

    private final FileChannel channel;
    private final FileLock lock;
    private final java.nio.file.Path file;

    private RunLock(FileChannel channel, FileLock lock, java.nio.file.Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    /**
     * Takes the feature's run lock.
     *
     * @throws RunLockedException when another run of the same feature holds it
     */
    public static RunLock acquire(RunLayout layout) {
        java.nio.file.Path file = layout.lockFile().toAbsolutePath().normalize();
        // marked before the lock is taken: a look from another thread while it is being taken must not open the file
        if (!HELD_HERE.add(file)) {
            throw locked(layout, "held by this process");
        }
        boolean taken = false;
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
                throw locked(layout, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            taken = true;
            return new RunLock(channel, lock, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the run lock " + layout.lockFile(), e);
        } finally {
            if (!taken) {
                HELD_HERE.remove(file);
            }
        }
    }

    private static RunLockedException locked(RunLayout layout, String holder) {
        return new RunLockedException("another pwt run of feature '" + layout.feature() + "' is in progress"
                + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to finish, or stop it and"
                + " use 'pwt resume'");
    }

    /** True when a live run holds the lock (checked without keeping it). */
    public static boolean isHeld(RunLayout layout) {
        if (HELD_HERE.contains(layout.lockFile().toAbsolutePath().normalize())) {
            return true; // opening the file to look would release this process's own lock
        }
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
            HELD_HERE.remove(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
