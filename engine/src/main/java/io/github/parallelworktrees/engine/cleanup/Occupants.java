package io.github.parallelworktrees.engine.cleanup;

import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.process.ProcessTable;
import io.github.parallelworktrees.engine.process.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who may still write into a worktree: the worker its run recorded (a killed pwt leaves its workers running) or
 * any process whose working directory is inside it (a setup command, a dev server). Removing the worktree under
 * them would lose what they write next.
 */
final class Occupants {

    private final List<ProcessTable.Entry> processes = ProcessTable.snapshot();

    /** Why the worktree must stay because something still works in it; empty when nothing does. */
    Optional<String> of(Path worktree, Optional<WorkerRecord> record) {
        if (record.isPresent() && record.get().workerPid() != null
                && ProcessTree.isAlive(record.get().workerPid(), record.get().workerStartedAt())) {
            long pid = record.get().workerPid();
            return Optional.of("its worker is still running (pid " + pid + ", started "
                    + record.get().workerStartedAt() + ") though no pwt run is, and may still write here; wait for it"
                    + " to end, or stop it ('kill -TERM -- -" + pid + "' stops its process group) or let 'pwt resume'"
                    + " stop it and run it again, then clean up again");
        }
        Path tree = real(worktree);
        long self = ProcessHandle.current().pid();
        for (ProcessTable.Entry process : processes) {
            if (process.pid() != self && process.cwd().filter(cwd -> cwd.startsWith(tree)).isPresent()) {
                return Optional.of("a process works in it (pid " + process.pid() + ": "
                        + process.commandLine() + "); wait for it to end or stop it, then clean up again");
            }
        }
        return Optional.empty();
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
