package io.github.parallelworktrees.cli.model;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What must hold after every step, whatever the sequence of run, merge, rollback, resume, cleanup, kill, stop and fixes
 * by hand: (0) no command ends in an internal error; (1) no work is lost: every commit a worker or a hand made,
 * and every workstream tip ever seen, is reachable from some ref; (2) the integration branch only ever pointed
 * at commits whose gate passes; (3) every view agrees with git: run.json, report.html, {@code pwt status --json}
 * and the exit codes say a workstream landed iff its branch tip is reachable from the integration branch, and
 * "succeeded" only when every workstream is done and landed; (4) no stale lock: no run lock held and no git lock
 * file left once no pwt runs, and no view saying a pwt process is at work; (5) no worker or gate process left
 * running; (6) in the raced variant, what {@link Races} asks of a race. Each violation says which view said
 * what, and what git says.
 */
final class Invariants {

    /**
     * {@code -Dpwt.model.skip=REGEX}: violations matching it are not reported. Only for looking past a defect
     * already known (and being fixed) to the next one, e.g. {@code -DargLine=-Dpwt.model.skip=report.html};
     * the suite runs with every invariant.
     */
    private static final Optional<Pattern> SKIPPED = Optional.ofNullable(System.getProperty("pwt.model.skip"))
            .filter(s -> !s.isBlank()).map(Pattern::compile);

    /** Notes printed once per JVM: a view the harness cannot check yet, and why. */
    private static final Set<String> NOTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Invariants() {
    }

    /**
     * Checks every invariant after a step and throws one error naming all that broke, the step and the
     * sequence that led there. Takes the step's pwt commands from the project.
     */
    static void assertHold(ThrowawayProject project) {
        List<String> violations = check(project);
        if (!violations.isEmpty()) {
            throw new AssertionError(explain(project, violations));
        }
        project.startStep();
    }

    /** The violations after the step just taken (its pwt commands are taken from the project), readable. */
    static List<String> check(ThrowawayProject project) {
        List<PwtCall> calls = project.takeCalls();
        GitTruth truth = GitTruth.read(project);
        project.noteRefs(truth);
        List<String> violations = new ArrayList<>();
        noInternalErrors(calls, violations);
        noWorkLost(project, violations);
        integrationOnlyEverPassedTheGate(project, violations);
        Views.StatusJson status = Views.statusJson(project);
        project.takeCalls();
        if (status.note().isEmpty()) {
            noInternalErrors(List.of(status.call()), violations);
        }
        status.note().filter(NOTED::add).ifPresent(n -> System.out.println("model: note: " + n));
        List<ViewClaims> views = new ArrayList<>();
        Views.runJson(project.layout()).ifPresent(views::add);
        Views.reportHtml(project.layout()).ifPresent(views::add);
        status.claims().ifPresent(views::add);
        for (ViewClaims view : views) {
            viewAgreesWithGit(view, truth, violations);
        }
        exitCodesAgreeWithGit(calls, truth, violations);
        Races.check(project, truth, status.claims().map(c -> status.call()), violations);
        project.takeCalls();
        noStaleLock(project, status, violations);
        noLeftoverProcesses(project, violations);
        return SKIPPED.map(skip -> violations.stream().filter(v -> !skip.matcher(v).find()).toList())
                .orElse(violations);
    }

    /** The violations, the step that broke them, the sequence before it and what git says now. */
    static String explain(ThrowawayProject project, List<String> violations) {
        StringBuilder s = new StringBuilder("invariants broken after the last of these steps:\n")
                .append(project.history()).append("what broke:\n");
        violations.forEach(v -> s.append("  - ").append(v.replace("\n", "\n    ")).append('\n'));
        GitTruth truth = GitTruth.read(project);
        s.append("what git says now:\n");
        truth.branches().values().forEach(b -> s.append("  ").append(b.describe(truth.integration()))
                .append('\n'));
        return s.toString();
    }

    private static void noInternalErrors(List<PwtCall> calls, List<String> violations) {
        for (PwtCall call : calls) {
            if (call.exitCode() == PwtCall.INTERNAL_ERROR) {
                violations.add("(0) no internal error: " + call.describe());
            }
        }
    }

    private static void noWorkLost(ThrowawayProject project, List<String> violations) {
        Git git = project.git();
        List<String> args = new ArrayList<>(List.of("rev-list"));
        args.addAll(new LinkedHashSet<>(git.lines("for-each-ref", "--format=%(objectname)")));
        Set<String> reachable = args.size() == 1 ? Set.of() : new HashSet<>(git.lines(args.toArray(String[]::new)));
        for (String commit : project.workCommits()) {
            if (!reachable.contains(commit)) {
                String subject = git.tryRun("log", "-1", "--format=%s", commit).stdout().strip();
                violations.add("(1) no work lost: commit " + commit.substring(0, 12) + " ("
                        + (subject.isEmpty() ? "no longer in the repository" : "'" + subject + "'")
                        + ") is reachable from no ref");
            }
        }
    }

    private static void integrationOnlyEverPassedTheGate(ThrowawayProject project, List<String> violations) {
        for (String commit : project.integrationValuesSeen()) {
            if (project.failsTheGate(commit)) {
                String files = project.git().tryRun("grep", "-l", ThrowawayProject.BROKEN, commit, "--",
                        ":(glob)*.txt").stdout().strip().replace(commit + ":", "").replace("\n", ", ");
                violations.add("(2) the integration branch only points at commits whose gate passed: "
                        + ThrowawayProject.INTEGRATION + " pointed at " + commit.substring(0, 12) + " (its reflog has"
                        + " it), where " + files + " say " + ThrowawayProject.BROKEN + ", so the waves' gate fails");
            }
        }
    }

    private static void viewAgreesWithGit(ViewClaims view, GitTruth truth, List<String> violations) {
        view.unreadable().forEach(u -> violations.add("(3) the harness cannot read " + view.view() + ": " + u
                + " (its format changed? update Views)"));
        if (view.speaksOfLanding()) {
            for (String ws : ThrowawayProject.WORKSTREAMS) {
                ViewClaims.Landed claim = view.landed(ws);
                GitTruth.Branch branch = truth.branch(ws);
                boolean wrongYes = claim.landed() && !branch.reachable();
                boolean wrongNo = !claim.landed() && branch.landed();
                if (wrongYes || wrongNo) {
                    violations.add("(3) views agree with git: " + view.view() + " says " + ws + (claim.landed()
                            ? " landed" : " did not land") + " (" + claim.evidence() + "), but git says "
                            + branch.describe(truth.integration()));
                }
            }
        }
        if (view.runStatus().filter("succeeded"::equals).isPresent()) {
            for (String ws : ThrowawayProject.WORKSTREAMS) {
                GitTruth.Branch branch = truth.branch(ws);
                String state = view.states().getOrDefault(ws, "(not listed)");
                if (!branch.landed() || !state.equals("done")) {
                    violations.add("(3) \"succeeded\" only when every workstream is done and landed: " + view.view()
                            + " says the run succeeded, with " + ws + " " + state + ", but git says "
                            + branch.describe(truth.integration()));
                }
            }
        }
    }

    /** run and resume exit 0 only when every workstream landed; merge --wave N only when its wave did. */
    private static void exitCodesAgreeWithGit(List<PwtCall> calls, GitTruth truth, List<String> violations) {
        for (PwtCall call : calls) {
            if (call.exitCode() != 0) {
                continue;
            }
            String command = call.args().get(0);
            List<String> promised = List.of();
            if (command.equals("run") || command.equals("resume")) {
                promised = ThrowawayProject.WORKSTREAMS;
            } else if (command.equals("merge") && !call.args().contains("--rollback")) {
                int wave = Integer.parseInt(call.args().get(call.args().indexOf("--wave") + 1));
                promised = wave == 1 ? List.of("alpha", "beta") : List.of("gamma");
            }
            for (String ws : promised) {
                GitTruth.Branch branch = truth.branch(ws);
                if (!branch.landed()) {
                    violations.add("(3) exit codes agree with git: " + call.describe() + " (exit 0: all of it"
                            + " landed), but git says " + branch.describe(truth.integration()));
                }
            }
        }
    }

    private static void noStaleLock(ThrowawayProject project, Views.StatusJson status, List<String> violations) {
        if (RunLock.isHeld(project.layout())) {
            violations.add("(4) no stale lock: the run lock " + project.layout().lockFile() + " is held, but no pwt"
                    + " runs now");
        }
        for (Path lock : gitLockFiles(project.git().commonDir())) {
            violations.add("(4) no stale lock: git's lock file " + lock + " is left behind (the next git command"
                    + " that needs it fails)");
        }
        Path report = project.layout().reportFile();
        if (Files.exists(report) && TestRepo.read(report).contains("a pwt process is working on it")) {
            violations.add("(4) no stale lock: report.html says \"a pwt process is working on it\", but no pwt"
                    + " runs now");
        }
        status.claims().ifPresent(c -> {
            if (status.call().out().contains("\"run_alive\":true") || status.call().out().contains(
                    "\"runAlive\":true")) {
                violations.add("(4) no stale lock: pwt status --json says a run is alive, but no pwt runs now");
            }
        });
    }

    private static void noLeftoverProcesses(ThrowawayProject project, List<String> violations) {
        for (ProcessHandle p : project.leftoverProcesses()) {
            violations.add("(5) no worker left running: process " + p.pid() + " ("
                    + p.info().commandLine().orElse("?") + ") is still alive");
        }
    }

    private static List<Path> gitLockFiles(Path commonDir) {
        try (Stream<Path> files = Files.walk(commonDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lock") && Files.isRegularFile(f))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a campaign: the run ended succeeded with every workstream landed (a plan with no culprit). */
    static List<String> runSucceeded(ThrowawayProject project) {
        List<String> violations = new ArrayList<>();
        GitTruth truth = GitTruth.read(project);
        Optional<ViewClaims> run = Views.runJson(project.layout());
        String status = run.flatMap(ViewClaims::runStatus).orElse("(no run.json)");
        if (!status.equals("succeeded")) {
            violations.add("the run ends succeeded: run.json says " + status + run.map(r -> "; states " + r.states())
                    .orElse(""));
        }
        for (GitTruth.Branch branch : truth.branches().values()) {
            if (!branch.landed()) {
                violations.add("every workstream lands: " + branch.describe(truth.integration()));
            }
        }
        return violations;
    }
}
