package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.process.Environment;
import java.nio.file.Path;

/**
 * Where a run's files live (everything under {@code <repository>/.worktrees/<feature>/}), and the environment its
 * processes are started with, which the caller gives (pwt its own, a Jenkins step the Pipeline's).
 */
public record RunLayout(Path repository, String feature,
        // never written anywhere (status --json serializes a layout): it holds the caller's secrets
        @JsonIgnore Environment environment) {

    public static final String WORKTREES_DIR = ".worktrees";

    public RunLayout {
        repository = repository.toAbsolutePath().normalize();
    }

    /** Git in the run's repository, with the run's environment. */
    public Git git() {
        return Git.in(repository, environment);
    }

    public Path root() {
        return root(repository, feature);
    }

    /** The run folder of {@code feature} in {@code repository}, for a caller that starts no process there. */
    public static Path root(Path repository, String feature) {
        return repository.toAbsolutePath().normalize().resolve(WORKTREES_DIR).resolve(feature);
    }

    public Path worktree(String workstream) {
        return root().resolve(workstream);
    }

    /**
     * The checkout merge gates run in: "integration" for the first gate slot, and for the others (several gate runs
     * at once) one each under "merges", a name no workstream may take.
     */
    public Path integrationTree(int slot) {
        return slot == 0 ? root().resolve("integration") : mergesDir().resolve("gate-slot-" + (slot + 1));
    }

    /**
     * The checkout a race's judge gates {@code workstream}'s racers in (each racer's branch merged onto the
     * integration branch), under "merges" like the gate slots: a scratch checkout of pwt's.
     */
    public Path raceTree(String workstream) {
        return mergesDir().resolve("race-" + workstream);
    }

    /** Whether {@code path} is one of the {@link #integrationTree}s (or a {@link #raceTree}: a gate's too). */
    public boolean isIntegrationTree(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        return Worktrees.samePath(normal, integrationTree(0)) || (normal.getParent() != null
                && Worktrees.samePath(normal.getParent(), mergesDir())
                && (normal.getFileName().toString().startsWith("gate-slot-")
                        || normal.getFileName().toString().startsWith("race-")));
    }

    /** Requests to the running run from other processes ({@code pwt stop}), a name no workstream may take. */
    public Path controlDir() {
        return root().resolve("control");
    }

    /** Each merge's record and gate outputs. */
    public Path mergesDir() {
        return root().resolve("merges");
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
