package io.github.parallelworktrees.engine.status;

import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.Landings;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.radar.ConflictRadar;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's dashboard, read from the files alone (sessions.json, run.json, the branches, the logs): it works
 * while a run is going on, after it ended, and after it crashed.
 *
 * @param runAlive a pwt process holds the run's lock right now
 * @param repairs the repairs of left-out branches by their workers, in the order they started
 */
public record StatusReport(RunLayout layout, RunInfo info, boolean runAlive, List<WorkstreamStatus> workstreams,
        List<RunView.Merge> merges, Optional<String> integrationTip, List<RunView.Repair> repairs,
        List<RaceStatus> races) {

    private static final int TAIL_BYTES = 16 * 1024;

    public StatusReport {
        workstreams = List.copyOf(workstreams);
        merges = List.copyOf(merges);
        repairs = List.copyOf(repairs);
        races = List.copyOf(races);
    }

    /** A report of a run without races. */
    public StatusReport(RunLayout layout, RunInfo info, boolean runAlive, List<WorkstreamStatus> workstreams,
            List<RunView.Merge> merges, Optional<String> integrationTip, List<RunView.Repair> repairs) {
        this(layout, info, runAlive, workstreams, merges, integrationTip, repairs, List.of());
    }

    /**
     * A raced workstream's racers and, once judged, the race's verdicts, scores and winner.
     *
     * @param racers each racer's record (its status, branch, cost, gate), in racer order
     * @param judged how the race was judged, once it was
     */
    public record RaceStatus(String workstream, List<WorkerRecord> racers,
            Optional<io.github.parallelworktrees.engine.ledger.RaceResult> judged) {

        public RaceStatus {
            racers = List.copyOf(racers);
        }

        /** What the racers cost together. */
        public double costUsd() {
            return racers.stream().mapToDouble(r -> r.usage().costUsd()).sum();
        }
    }

    /** The race of {@code workstream}, if it is raced. */
    public Optional<RaceStatus> raceOf(String workstream) {
        return races.stream().filter(r -> r.workstream().equals(workstream)).findFirst();
    }

    /** A report of a run without repairs. */
    public StatusReport(RunLayout layout, RunInfo info, boolean runAlive, List<WorkstreamStatus> workstreams,
            List<RunView.Merge> merges, Optional<String> integrationTip) {
        this(layout, info, runAlive, workstreams, merges, integrationTip, List.of());
    }

    /** The repairs of {@code workstream}, oldest first. */
    public List<RunView.Repair> repairsOf(String workstream) {
        return repairs.stream().filter(r -> r.workstream().equals(workstream)).toList();
    }

    /**
     * The run's state as it stands: "running" only while a pwt process holds the run; a run recorded as running
     * that no process holds was killed ("interrupted").
     */
    public String runStatus() {
        return info.status().id();
    }

    /** Reads the state of the feature's run, if it has one. */
    public static Optional<StatusReport> read(RunLayout layout, int tailLines) {
        return read(layout, tailLines, Instant.now());
    }

    /** Reads the state of the feature's run, if it has one, with the times of running workers up to {@code now}. */
    public static Optional<StatusReport> read(RunLayout layout, int tailLines, Instant now) {
        return RunState.load(layout).map(state -> of(state, RunLock.isHeld(layout), tailLines, now));
    }

    /** The report of a loaded run. */
    static StatusReport of(RunState state, boolean alive, int tailLines, Instant now) {
        RunLayout layout = state.layout();
        Git repo = layout.git();
        String base = state.info().baseCommit();
        Landings landings = Landings.read(repo, state.info().feature(), state.info().integration(),
                state.info().baseCommit());
        RunView view = state.view();
        List<WaveResult.LeftOut> leftOut = view.leftOutNow(landings);
        List<ConflictRadar.Conflict> radar = radar(repo, state, base);
        List<WorkstreamStatus> rows = new ArrayList<>();
        for (WorkerRecord r : state.workers()) {
            boolean branchExists = repo.branchExists(r.branch());
            int ahead = branchExists ? Integer.parseInt(repo.run("rev-list", "--count", base + ".." + "refs/heads/"
                    + r.branch())) : -1;
            int files = branchExists ? filesChanged(repo, base, r.branch()) : -1;
            Path worktree = layout.worktree(r.workstream());
            // a worktree whose admin dir is gone fails every git command: its row says so instead
            Optional<String> damage = Worktrees.damage(worktree);
            int uncommitted = damage.isEmpty() && Files.isDirectory(worktree) && Files.exists(worktree.resolve(".git"))
                    ? Committer.uncommitted(repo.at(worktree)).size() : -1;
            Optional<String> note = damage.map(d -> r.reason() == null || r.reason().contains(d) ? d
                    : d + "; " + r.reason()).or(() -> Optional.ofNullable(r.reason()));
            WorkerStatus shown = r.status();
            if (!alive && (r.status() == WorkerStatus.RUNNING || r.status() == WorkerStatus.PREPARING)) {
                // recorded as running by a pwt that is gone: it is not running, whatever its process does
                shown = WorkerStatus.INTERRUPTED;
                note = Optional.of("interrupted: no pwt run is alive; continue with 'pwt resume'");
            }
            rows.add(new WorkstreamStatus(r.workstream(), r.branch(), r.wave(), shown, note, r.attempts(), ahead,
                    files, uncommitted, r.durationMillis(now), r.usage(),
                    Optional.ofNullable(r.sessionId()), Optional.ofNullable(r.lastCheckpoint()),
                    Optional.ofNullable(r.gate()),
                    tail(layout.workerLog(r.workstream()), tailLines),
                    landings.landed(r.branch()),
                    leftOut.stream().filter(l -> l.workstream().equals(r.workstream())).map(WaveResult.LeftOut::reason)
                            .findFirst(),
                    radar.stream().filter(c -> c.involves(r.workstream())).map(c -> c.otherThan(r.workstream()))
                            .toList(), Optional.ofNullable(r.review()), Optional.ofNullable(r.tests())));
        }
        List<RaceStatus> races = new ArrayList<>();
        java.util.Set<String> raced = new java.util.LinkedHashSet<>(view.racers().keySet());
        raced.addAll(view.races().keySet());
        for (String workstream : raced) {
            // a racer recorded as running by a pwt that is gone is shown as its workstream is: interrupted
            List<WorkerRecord> racers = view.racersOf(workstream).values().stream().map(r -> !alive
                    && (r.status() == WorkerStatus.RUNNING || r.status() == WorkerStatus.PREPARING)
                    ? r.withStatus(WorkerStatus.INTERRUPTED, "interrupted: no pwt run is alive; continue with"
                            + " 'pwt resume'") : r).toList();
            races.add(new RaceStatus(workstream, racers, Optional.ofNullable(view.races().get(workstream))));
        }
        return new StatusReport(layout, view.statusNow(alive, landings), alive, rows, view.merges(),
                landings.integrationTip(), view.repairs(), races);
    }

    /** The conflict radar's look now; a radar that cannot look shows no conflicts rather than no dashboard. */
    private static List<ConflictRadar.Conflict> radar(Git repo, RunState state, String base) {
        Map<String, String> branches = new LinkedHashMap<>();
        state.workers().forEach(w -> branches.put(w.workstream(), w.branch()));
        try {
            return new ConflictRadar(repo).scan(branches, Optional.of(state.info().integration()), base);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Files the branch changed since it left the base; -1 when the branch shares no history with the base (made
     * again by hand, say): the dashboard shows that row instead of failing.
     */
    private static int filesChanged(Git repo, String base, String branch) {
        io.github.parallelworktrees.engine.process.ProcessResult diff = repo.tryRun("diff", "--name-only",
                base + "...refs/heads/" + branch);
        return diff.succeeded() ? (int) diff.stdout().lines().filter(l -> !l.isBlank()).count() : -1;
    }

    /** The last {@code lines} lines of a log, reading only its end (logs of long workers get big). */
    static List<String> tail(Path log, int lines) {
        if (lines <= 0 || !Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n")));
            if (start > 0 && !all.isEmpty()) {
                all.remove(0);
            }
            all.removeIf(String::isBlank);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }
}
