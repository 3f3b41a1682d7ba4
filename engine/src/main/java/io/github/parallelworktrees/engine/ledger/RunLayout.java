package io.github.parallelworktrees.engine.ledger;

import java.nio.file.Path;

/** Where a run's files live: everything under {@code <repository>/.worktrees/<feature>/}. */
public record RunLayout(Path repository, String feature) {

    public static final String WORKTREES_DIR = ".worktrees";

    public RunLayout {
        repository = repository.toAbsolutePath().normalize();
    }

    public Path root() {
        return repository.resolve(WORKTREES_DIR).resolve(feature);
    }

    public Path worktree(String workstream) {
        return root().resolve(workstream);
    }

    public Path sessionsFile() {
        return root().resolve("sessions.json");
    }

    public Path runFile() {
        return root().resolve("run.json");
    }

    public Path coordinationFile() {
        return root().resolve("COORDINATION.md");
    }

    public Path reportFile() {
        return root().resolve("report.html");
    }

    public Path lockFile() {
        return root().resolve("run.lock");
    }

    public Path resultsDir(String workstream) {
        return root().resolve("results").resolve(workstream);
    }

    public Path workerLog(String workstream) {
        return resultsDir(workstream).resolve("worker.log");
    }

    public Path archiveDir() {
        return root().resolve("archive");
    }
}
