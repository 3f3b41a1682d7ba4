package io.jenkins.plugins.parallelworktrees.report;

import hudson.model.Action;
import hudson.model.Run;
import hudson.model.Result;
import io.github.parallelworktrees.engine.report.HumanTime;
import io.github.parallelworktrees.engine.report.SafeMarkdown;
import io.github.parallelworktrees.engine.report.TimelineSvg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;
import jenkins.util.VirtualFile;

/**
 * The build's "Parallel Worktrees" page ({@code /job/X/N/parallel-worktrees/}) and its summary on the build page:
 * per workstream its state, time, turns, cost, tokens, commits, files, gate and wave, and its RESULTS.md rendered
 * as safe HTML. The steps add to it as they finish; it is saved with the build.
 */
public final class ParallelWorktreesAction implements RunAction2, SimpleBuildStep.LastBuildAction {

    /** Where the action lives under a build's URL. */
    public static final String URL_NAME = "parallel-worktrees";

    /** The outcome of a workstream whose branch a wave's merge put on the integration branch. */
    public static final String LANDED = "landed";
    /** The largest RESULTS.md shown inline; a bigger one is linked, not rendered. */
    static final int MAX_RENDERED_BYTES = 512 * 1024;

    /** How often the page reloads itself while its build runs. */
    static final int REFRESH_SECONDS = 10;

    private static final Object ATTACH_LOCK = new Object();

    /**
     * Moments in the controller's zone, named ("14:03:12 CEST"): a user's own zone (core's TimeZoneProperty, and
     * Functions.getUserTimeZone) is {@code @Restricted(NoExternalUse.class)} in jenkins core, not for plugins.
     */
    static final HumanTime TIME = HumanTime.local();

    /*
     * Copy-on-write: a write makes a new map (list) under the action's lock and publishes it whole; a published one is
     * never changed again. Run.save() marshals these fields with XStream while parallel steps write (core
     * hudson/model/Run.java save(), line 1999 at jenkins-2.504.3, takes the run's lock, not this one), and XStream
     * iterates them: a map changed meanwhile throws ConcurrentModificationException and the build is not saved. The
     * declared types stay LinkedHashMap and ArrayList, so build.xml keeps the form it has had (no class= attribute,
     * no JDK-internal immutable types for XStream to reflect into).
     */
    private volatile LinkedHashMap<String, WorkstreamRow> workstreams = new LinkedHashMap<>();
    private volatile ArrayList<WaveRow> waves = new ArrayList<>();
    /** The plan merged by itself: a whole run on the agent (parallelWorktrees without a body) with autoMerge. */
    private volatile boolean planMerges;
    /**
     * The races of a whole run on the agent (parallelWorktrees without a body), judged by the engine; the body
     * form's are on the mergeWave rows that judged them. Null in a build saved before (XStream2 sets no field the
     * record lacks).
     */
    private volatile ArrayList<RaceRow> runRaces;
    /**
     * Workers running now (claudeWorker says when one starts and ends), for the page while the build runs: only in
     * the controller's memory, never in build.xml, since a worker that was running when Jenkins stopped is not
     * running after it started again (its step runs it again, and says so).
     */
    private transient volatile ConcurrentHashMap<String, RecordedRun.Running> running = new ConcurrentHashMap<>();
    private transient Run<?, ?> run;

    /** The run's action, added when the run has none yet (parallel steps may ask at the same moment). */
    public static ParallelWorktreesAction of(Run<?, ?> run) {
        synchronized (ATTACH_LOCK) {
            ParallelWorktreesAction action = run.getAction(ParallelWorktreesAction.class);
            if (action == null) {
                action = new ParallelWorktreesAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /**
     * Adds or replaces the rows of these workstreams; a row that says nothing of its landing keeps the one it had,
     * for the merge that came first. Their workers are no longer running.
     */
    public synchronized void put(Collection<WorkstreamRow> rows) {
        LinkedHashMap<String, WorkstreamRow> next = new LinkedHashMap<>(workstreams);
        for (WorkstreamRow row : rows) {
            WorkstreamRow old = next.get(row.getWorkstream());
            WorkstreamRow kept = row;
            boolean says = row.getLandedInWave() != null || row.getLeftOut() != null;
            if (!says && old != null && old.getLandedInWave() != null) {
                kept = row.landed(old.getLandedInWave());
            } else if (!says && old != null && old.getLeftOut() != null) {
                kept = row.leftOut(old.getLeftOut());
            }
            next.put(row.getWorkstream(), kept);
            running().remove(row.getWorkstream());
        }
        workstreams = next;
    }

    /**
     * Records a whole run's merges and rows (parallelWorktrees without a body): the rows say themselves what landed,
     * as git says it, so the merges do not mark them.
     *
     * @param merges the plan merged by itself (autoMerge), so that a run that merged nothing says why
     */
    public synchronized void put(Collection<WorkstreamRow> rows, Collection<WaveRow> runMerges, boolean merges) {
        ArrayList<WaveRow> nextWaves = new ArrayList<>(waves);
        runMerges.forEach(w -> add(nextWaves, w));
        waves = nextWaves;
        planMerges = planMerges || merges;
        put(rows);
    }

    /** Adds a merge, replacing the record of the same merge (wave and number), in order. */
    private static void add(ArrayList<WaveRow> waves, WaveRow wave) {
        waves.removeIf(w -> w.getWave() == wave.getWave() && w.getMerge() == wave.getMerge());
        waves.add(wave);
        waves.sort(Comparator.comparingInt(WaveRow::getWave).thenComparingInt(WaveRow::getMerge));
    }

    /** A workstream's worker started (claudeWorker): the page draws it running until its row comes. */
    public void started(String workstream, int wave, Instant at) {
        started(workstream, wave, at, null);
    }

    /**
     * A worker started: a workstream's, or with {@code raceOf} the raced workstream, a racer's (named
     * {@code <ws>-racer-<n>}, drawn in the timeline but not counted as a workstream).
     */
    public void started(String slot, int wave, Instant at, String raceOf) {
        running().put(slot, new RecordedRun.Running(wave, at.toEpochMilli(), raceOf));
    }

    /** A workstream's worker ended without a row (its step failed): the page no longer draws it running. */
    public void ended(String workstream) {
        running().remove(workstream);
    }

    private ConcurrentHashMap<String, RecordedRun.Running> running() {
        ConcurrentHashMap<String, RecordedRun.Running> map = running;
        if (map == null) {
            synchronized (this) {
                if (running == null) {
                    running = new ConcurrentHashMap<>();
                }
                map = running;
            }
        }
        return map;
    }

    /** Records a wave's merge, and marks its workstreams landed or left out. */
    public synchronized void put(WaveRow wave) {
        ArrayList<WaveRow> nextWaves = new ArrayList<>(waves);
        add(nextWaves, wave);
        LinkedHashMap<String, WorkstreamRow> next = new LinkedHashMap<>(workstreams);
        for (String name : wave.getLanded()) {
            next.computeIfPresent(name, (n, row) -> row.landed(wave.getWave()));
        }
        wave.getLeftOut().forEach((name, why) -> next.computeIfPresent(name, (n, row) -> row.leftOut(why)));
        waves = nextWaves;
        workstreams = next;
    }

    /** A record saved without one of the fields (or by hand) loads as an action with no rows there, not a null. */
    private Object readResolve() {
        if (workstreams == null) {
            workstreams = new LinkedHashMap<>();
        }
        if (waves == null) {
            waves = new ArrayList<>();
        }
        running = new ConcurrentHashMap<>();
        return this;
    }

    private RecordedRun recorded() {
        return new RecordedRun(List.copyOf(workstreams.values()), List.copyOf(waves), running(), planMerges);
    }

    /**
     * What happened, in the engine's words (report.html's headline): "3 of 4 workstreams landed; ui left out:
     * culprit of the gate". Null before any workstream reported.
     */
    public PageHeadline getHeadline() {
        RecordedRun recorded = recorded();
        if (recorded.isEmpty()) {
            return null;
        }
        Run<?, ?> attached = run;
        boolean building = attached != null && attached.isBuilding();
        Result result = attached == null ? null : attached.getResult();
        return new PageHeadline(recorded.headline(building, result == null ? null : result.toString()));
    }

    /**
     * The timeline of the workers, gate runs and merges as an SVG, drawn by the engine's {@link TimelineSvg} (which
     * escapes every text in it) with moments in the controller's zone; null when nothing recorded a time. The view
     * writes it as it is ({@code j:out}).
     */
    public String getTimelineSvg() {
        Run<?, ?> attached = run;
        Instant now = attached != null && attached.isBuilding() ? Instant.now() : null;
        return recorded().timeline(now).map(t -> TimelineSvg.render(t, TIME)).orElse(null);
    }

    /** What the timeline's colours and marks mean, as HTML (the engine's, under report.html's timeline too). */
    public String getTimelineLegend() {
        return TimelineSvg.legend();
    }

    /** When the timeline starts, as the note under it says: "14:03:12 CEST". */
    public String getTimelineStart() {
        return recorded().timeline(null).map(t -> TIME.clock(t.start())).orElse("-");
    }

    /** The verdict on {@code row}'s branch and the gate.md that says so, as report.html picks them. */
    public GateVerdict gateOf(WorkstreamRow row) {
        return recorded().gateOf(row);
    }

    /** Whether the user asking may see the build's artifacts, to which the page's gate.md links lead. */
    public boolean isArtifactsVisible() {
        Run<?, ?> attached = run;
        return attached == null || ArtifactsPermission.granted(attached);
    }

    /** Workers running now whose rows have not come yet: "api (wave 1) since 14:03:12 CEST, 3 min 12 s". */
    public List<String> getRunningNow() {
        Instant now = Instant.now();
        return running().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            Instant since = Instant.ofEpochMilli(e.getValue().since());
            return e.getKey() + " (wave " + e.getValue().wave() + ") since " + TIME.clock(since) + ", "
                    + HumanTime.between(since, now);
        }).toList();
    }

    public List<WorkstreamRow> getWorkstreams() {
        return List.copyOf(workstreams.values());
    }

    /** The state word (done, failed, ...) recorded for {@code workstream}; empty when it has no row. */
    public Optional<String> statusOf(String workstream) {
        return Optional.ofNullable(workstreams.get(workstream)).map(WorkstreamRow::getStatus);
    }

    /**
     * How {@code workstream} ended in this build, as those that depend on it need to know: {@code landed} once a
     * wave's merge put it on the integration branch, why the merge left it out, or its state word.
     */
    public Optional<String> outcomeOf(String workstream) {
        WorkstreamRow row = workstreams.get(workstream);
        if (row != null && row.getLandedInWave() != null) {
            return Optional.of(LANDED);
        }
        if (row != null && row.getLeftOut() != null) {
            return Optional.of("done but was left out of its wave's merge (" + row.getLeftOut() + ")");
        }
        return Optional.ofNullable(row).map(WorkstreamRow::getStatus);
    }

    public List<WaveRow> getWaves() {
        return List.copyOf(waves);
    }

    /** Every race a mergeWave of this build judged (racers run in parallelWorktrees bodies), wave by wave. */
    public List<RaceRow> getRaces() {
        List<RaceRow> races = new ArrayList<>(waves.stream().flatMap(w -> w.getRaces().stream()).toList());
        if (runRaces != null) {
            races.addAll(runRaces);
        }
        return races;
    }

    /** Records a whole run's races (parallelWorktrees without a body), each replacing the record of its workstream. */
    public synchronized void putRaces(Collection<RaceRow> races) {
        ArrayList<RaceRow> next = runRaces == null ? new ArrayList<>() : new ArrayList<>(runRaces);
        for (RaceRow race : races) {
            next.removeIf(r -> r.getWorkstream().equals(race.getWorkstream()));
            next.add(race);
        }
        runRaces = next;
    }

    /** "4 workstreams: 3 done, 1 failed; $1.20" for the build page. */
    public String getSummary() {
        // racers are counted apart (a raced workstream has its own row once its race is judged); their cost is
        // the run's all the same
        List<WorkstreamRow> rows = new ArrayList<>();
        long racers = 0;
        Map<String, Integer> byStatus = new TreeMap<>();
        double cost = 0;
        for (WorkstreamRow row : workstreams.values()) {
            if (row.isRacer()) {
                racers++;
            } else {
                rows.add(row);
                byStatus.merge(row.getStatus(), 1, Integer::sum);
            }
            cost += row.getCostUsd();
        }
        StringBuilder text = new StringBuilder();
        text.append(rows.size()).append(rows.size() == 1 ? " workstream" : " workstreams");
        if (!byStatus.isEmpty()) {
            List<String> parts = new ArrayList<>();
            byStatus.forEach((status, n) -> parts.add(n + " " + status));
            text.append(": ").append(String.join(", ", parts));
        }
        if (racers > 0) {
            text.append("; ").append(racers).append(racers == 1 ? " racer" : " racers");
        }
        if (cost > 0) {
            text.append(String.format(Locale.ROOT, "; $%.2f", cost));
        }
        for (WaveRow wave : waves) {
            text.append("; wave ").append(wave.getWave()).append(wave.getMerge() > 1 ? " merge "
                    + wave.getMerge() : "").append(" landed ").append(wave.getLanded().size())
                    .append(wave.getLeftOut().isEmpty() ? "" : ", left out " + wave.getLeftOut().size());
        }
        return text.toString();
    }

    /** The page of one workstream: {@code parallel-worktrees/workstream/<name>/}. */
    public ResultsPage getWorkstream(String name) {
        WorkstreamRow row = workstreams.get(name);
        if (row == null) {
            return null;
        }
        // Asked on every request, as the user making it: without a run (not attached) there is nothing to guard.
        Run<?, ?> attached = run;
        boolean artifactsVisible = attached == null || ArtifactsPermission.granted(attached);
        return new ResultsPage(this, row, () -> archived(name, "RESULTS.md"), () -> archived(name, "REVIEW.md"),
                artifactsVisible);
    }

    /**
     * The workstream's RESULTS.md or REVIEW.md ({@code name}) among the build's artifacts (masked as they were
     * archived), when it is there and not too big to show.
     */
    private Optional<String> archived(String workstream, String name) throws IOException {
        if (run == null) {
            return Optional.empty();
        }
        VirtualFile file = run.getArtifactManager().root().child(ResultsPage.artifact(workstream, name));
        if (!file.isFile()) {
            return Optional.empty();
        }
        try (InputStream in = file.open()) {
            byte[] bytes = in.readNBytes(MAX_RENDERED_BYTES + 1);
            if (bytes.length > MAX_RENDERED_BYTES) {
                return Optional.of("*" + name + " is larger than " + MAX_RENDERED_BYTES / 1024 + " KiB: open the"
                        + " archived file instead.*");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** RESULTS.md as HTML a browser may show: raw HTML escaped, unsafe links dropped, images not loaded. */
    static String render(String markdown) {
        return SafeMarkdown.toHtml(markdown);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /**
     * Seconds after which the page reloads itself (index.jelly's {@code <meta http-equiv="refresh">}), 0 for never:
     * the rows change while the build runs, and not after. Core no longer refreshes pages for us: {@code l:layout}'s
     * auto refresh was removed in 2.223 (jenkinsci/jenkins#4503, commit 3472e10e95; {@code norefresh} is "Deprecated: ... The feature has been removed",
     * core/src/main/resources/lib/layout/layout.jelly:38-40, and {@code Functions.configureAutoRefresh} does nothing,
     * core/src/main/java/hudson/Functions.java:715, at jenkins-2.504.3); core's own build page polls
     * {@code statusIcon}'s {@code X-Building} header from a script every 5 s (lib/hudson/build-caption.js:5-9). A
     * meta refresh needs no script of ours, and stops by itself: the page served after the build ended has none.
     */
    public int getRefreshSeconds() {
        Run<?, ?> attached = run;
        return refreshSeconds(attached != null && attached.isBuilding());
    }

    static int refreshSeconds(boolean building) {
        return building ? REFRESH_SECONDS : 0;
    }

    /**
     * The job page's link to this page. Core asks for it on every {@code Job.getAllActions()}, and only of the job's
     * last successful build (jenkins core {@code jenkins/tasks/SimpleBuildStep.java:187-209},
     * {@code LastBuildActionFactory}, at jenkins-2.504.3: {@code getLastSuccessfulBuild()}, a cached permalink), so
     * showing it loads no build that core does not load anyway; a factory of our own that walked back through older
     * builds loaded up to five builds of every job each time.
     */
    @Override
    public Collection<? extends Action> getProjectActions() {
        Run<?, ?> attached = run;
        return attached == null ? List.of() : List.of(new LatestRunLink(attached.getNumber()));
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-list";
    }

    @Override
    public String getDisplayName() {
        return "Parallel Worktrees";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
