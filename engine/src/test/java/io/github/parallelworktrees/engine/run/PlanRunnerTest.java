package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.git.GitException;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLockedException;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRunnerTest {

    /** A worker that does its workstream's task, commits it and reports, as TASKS.md asks. */
    private static final String GOOD_WORKER = "echo \"$PWT_WORKSTREAM\" > \"$PWT_WORKSTREAM.txt\""
            + " && git add \"$PWT_WORKSTREAM.txt\" && git commit -q -m \"$PWT_WORKSTREAM: work\""
            + " && printf '# Results\\n\\nDid %s.\\n' \"$PWT_WORKSTREAM\" > RESULTS.md";

    @TempDir
    Path tmp;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private RunListener recorder() {
        return new RunListener() {
            @Override
            public void info(String message) {
                events.add(message);
            }

            @Override
            public void workerStarted(WorkerRecord record) {
                events.add("started " + record.workstream());
            }

            @Override
            public void workerFinished(WorkerRecord record) {
                events.add(record.status().id() + " " + record.workstream());
            }
        };
    }

    private RunSummary run(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder()).run();
    }

    private static String worker(String run) {
        return "worker: {type: command, run: '" + run.replace("'", "''") + "', timeoutMinutes: 1}\n";
    }

    @Test
    void runsEveryWorkstreamInItsOwnWorktreeAndCollectsItsResults() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER) + """
                workstreams:
                  - {name: core, prompt: Build the core., files: ["src/core/**"]}
                  - {name: api, prompt: Build the api., dependsOn: [core]}
                """);
        String base = repo.commitAll("the plan");

        RunSummary summary = run(repo, plan);

        assertThat(summary.succeeded()).isTrue();
        RunLayout layout = repo.layout("feat");
        for (String ws : List.of("core", "api")) {
            Path worktree = layout.worktree(ws);
            assertThat(repo.git().run("-C", worktree.toString(), "rev-parse", "--abbrev-ref", "HEAD"))
                    .isEqualTo("feat/" + ws);
            assertThat(repo.subjects(base, "feat/" + ws)).containsExactly(ws + ": work");
            assertThat(layout.resultsDir(ws).resolve("RESULTS.md")).hasContent("# Results\n\nDid " + ws + ".");
            assertThat(worktree.resolve("TASKS.md")).exists();
        }
        JsonNode run = TestRepo.json(layout.runFile());
        assertThat(run.path("run").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("workers")).extracting(w -> w.path("status").asText()).containsOnly("done");
        assertThat(run.path("plan").path("workstreams").size()).isEqualTo(2);
        JsonNode sessions = TestRepo.json(layout.sessionsFile());
        assertThat(sessions.path("core").path("status").asText()).isEqualTo("done");
        assertThat(sessions.path("core").path("attempts").asInt()).isEqualTo(1);
        assertThat(sessions.path("core").path("started_at").asText()).isNotEmpty();
        assertThat(sessions.path("core").path("finished_at").asText()).isNotEmpty();
        assertThat(sessions.path("core").path("last_checkpoint").asText()).isEqualTo("Did core.");
        assertThat(layout.coordinationFile()).content().contains("# Coordination Notes: feat")
                .contains("| api | `feat/api` | 2 | core |");
        assertThat(repo.git().run("status", "--porcelain")).as("the main checkout stays clean").isEmpty();
    }

    @Test
    void writesABriefWithTheSeedsSections() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("specs/api.md", "Serve the API.\n\n- [ ] Add GET /health\n- [ ] Add GET /items\n");
        repo.commitAll("spec");
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER) + """
                workstreams:
                  - {name: core, prompt: Build the core.}
                  - {name: api, tasks: specs/api.md, files: ["src/api/**"], dependsOn: [core]}
                """);

        run(repo, plan);

        String tasks = TestRepo.read(repo.layout("feat").worktree("api").resolve("TASKS.md"));
        assertThat(tasks).contains("## Your Mission\n\nServe the API.", "## Key Files", "- `src/api/**`",
                "## Implementation Checklist", "- [ ] Add GET /health", "- [ ] Add GET /items",
                "## Technical Requirements", "## Testing Requirements", "## Dependencies",
                "Depends on `core` (branch `feat/core`)", "## Success Criteria", "RESULTS.md", ".claude-task-complete",
                "## Resources", repo.layout("feat").coordinationFile().toString());
        String coreTasks = TestRepo.read(repo.layout("feat").worktree("core").resolve("TASKS.md"));
        assertThat(coreTasks).contains("- Blocks: `api`");
    }

    @Test
    void givesEachWorktreeItsEnvWithAnOffsetPortAndRunsSetupIntoTheWorkerLog() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write(".gitignore", ".env\n");
        repo.commitAll("ignore env");
        repo.write(".env", "# local\nPORT=3000\nSECRET_FLAG=on\n");
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER + " && echo \"port=$PORT\"") + """
                setup: ["echo setting up in $(basename $PWD)", "touch setup-ran"]
                env: {PORT: 8000}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: y}
                """);

        run(repo, plan);

        RunLayout layout = repo.layout("feat");
        assertThat(layout.worktree("a").resolve(".env")).hasContent("# local\nPORT=8000\nSECRET_FLAG=on");
        assertThat(layout.worktree("b").resolve(".env")).hasContent("# local\nPORT=8001\nSECRET_FLAG=on");
        assertThat(layout.worktree("b").resolve("setup-ran")).exists();
        assertThat(layout.workerLog("b")).content().contains("$ echo setting up in $(basename $PWD)",
                "setting up in b", "port=8001");
    }

    @Test
    void commitsWhatAWorkerLeftUncommittedWithAClearMessage() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String base = repo.git().run("rev-parse", "HEAD");
        Plan plan = repo.plan("feat.yaml", worker("echo draft > draft.txt && echo '# R' > RESULTS.md") + """
                workstreams: [{name: a, prompt: x}]
                """);

        run(repo, plan);

        assertThat(repo.subjects(base, "feat/a")).containsExactly("pwt(a): commit changes the worker left uncommitted");
        assertThat(repo.git().run("show", "feat/a:draft.txt")).isEqualTo("draft");
        assertThat(repo.git().tryRun("show", "feat/a:RESULTS.md").succeeded())
                .as("RESULTS.md is collected, not committed (it would conflict in every merge)").isFalse();
        assertThat(repo.git().tryRun("show", "feat/a:TASKS.md").succeeded()).isFalse();
    }

    @Test
    void marksAWorkerThatExitsZeroWithoutResultsIncomplete() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker("true") + "workstreams: [{name: a, prompt: x}]\n");

        RunSummary summary = run(repo, plan);

        assertThat(summary.succeeded()).isFalse();
        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.INCOMPLETE);
        assertThat(a.reason()).contains("without writing RESULTS.md");
        assertThat(summary.info().reason()).contains("a (incomplete)");
    }

    @Test
    void failsAWorkerThatExitsNonZeroAndSkipsItsDependents() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker(
                "if [ \"$PWT_WORKSTREAM\" = core ]; then echo broken >&2; exit 3; fi; " + GOOD_WORKER) + """
                workstreams:
                  - {name: core, prompt: x}
                  - {name: api, prompt: x, dependsOn: [core]}
                  - {name: ui, prompt: x, dependsOn: [api]}
                  - {name: docs, prompt: x}
                """);

        RunSummary summary = run(repo, plan);

        assertThat(summary.workers()).extracting(WorkerRecord::status).containsExactly(WorkerStatus.FAILED,
                WorkerStatus.SKIPPED, WorkerStatus.SKIPPED, WorkerStatus.DONE);
        assertThat(summary.workers().get(0).exitCode()).isEqualTo(3);
        assertThat(summary.workers().get(1).reason()).isEqualTo("dependency 'core' ended failed");
        assertThat(summary.workers().get(2).reason()).isEqualTo("dependency 'api' ended skipped");
        assertThat(repo.layout("feat").workerLog("core")).content().contains("broken", "command exited with 3");
    }

    @Test
    void startsAWorkstreamOnlyAfterItsDependenciesFinished() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker("sleep 0.2; " + GOOD_WORKER) + """
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, dependsOn: [a]}
                  - {name: c, prompt: x, dependsOn: [a, b]}
                """);

        RunSummary summary = run(repo, plan);

        WorkerRecord a = summary.workers().get(0);
        WorkerRecord b = summary.workers().get(1);
        WorkerRecord c = summary.workers().get(2);
        assertThat(b.startedAt()).isAfterOrEqualTo(a.finishedAt());
        assertThat(c.startedAt()).isAfterOrEqualTo(b.finishedAt());
    }

    @Test
    void neverRunsMoreThanMaxParallelWorkersAtOnce() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path shared = tmp.resolve("shared");
        String probe = "mkdir -p " + shared + " && touch " + shared + "/running.$PWT_WORKSTREAM"
                + " && ls " + shared + " | grep -c running > " + shared + "/seen.$PWT_WORKSTREAM"
                + " && sleep 0.8 && rm " + shared + "/running.$PWT_WORKSTREAM && echo ok > RESULTS.md";
        Plan plan = repo.plan("feat.yaml", "maxParallel: 2\n" + worker(probe) + """
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x}
                  - {name: c, prompt: x}
                  - {name: d, prompt: x}
                  - {name: e, prompt: x}
                """);

        RunSummary summary = run(repo, plan);

        assertThat(summary.succeeded()).isTrue();
        List<Integer> seen = new ArrayList<>();
        for (String ws : List.of("a", "b", "c", "d", "e")) {
            seen.add(Integer.parseInt(TestRepo.read(shared.resolve("seen." + ws)).strip()));
        }
        assertThat(seen).allMatch(n -> n <= 2).contains(2);
    }

    @Test
    void startsTheWorkstreamOnTheLongestDependencyPathFirst() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", "maxParallel: 1\n" + worker("echo ok > RESULTS.md") + """
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x}
                  - {name: c, prompt: x, dependsOn: [b]}
                  - {name: d, prompt: x, dependsOn: [c]}
                """);

        run(repo, plan);

        List<String> order = events.stream().filter(e -> e.startsWith("started ")).map(e -> e.substring(8))
                .collect(Collectors.toList());
        assertThat(order).containsExactly("b", "c", "a", "d");
    }

    @Test
    void killsTheWholeProcessTreeWhenAWorkerTimesOut() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path pidFile = tmp.resolve("child.pid");
        Plan plan = repo.plan("feat.yaml", """
                worker: {type: command, run: 'sleep 300 & echo $! > %s; wait', timeoutMinutes: 0.02}
                workstreams: [{name: slow, prompt: x}]
                """.formatted(pidFile));

        RunSummary summary = run(repo, plan);

        WorkerRecord slow = summary.workers().get(0);
        assertThat(slow.status()).isEqualTo(WorkerStatus.TIMED_OUT);
        assertThat(slow.reason()).startsWith("timed out after 1200 ms");
        long child = Long.parseLong(TestRepo.read(pidFile).strip());
        TestRepo.awaitTrue("the background child to be gone", Duration.ofSeconds(10),
                () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void reusesAnExistingBranchWithCommitsAndBuildsOnTop() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String base = repo.git().run("rev-parse", "HEAD");
        repo.git().run("branch", "feat/a");
        repo.git().run("checkout", "--quiet", "feat/a");
        repo.write("earlier.txt", "earlier work\n");
        String earlier = repo.commitAll("earlier work");
        repo.git().run("checkout", "--quiet", "main");
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER) + "workstreams: [{name: a, prompt: x}]\n");

        run(repo, plan);

        assertThat(repo.subjects(base, "feat/a")).containsExactly("a: work", "earlier work");
        assertThat(repo.git().isAncestor(earlier, "feat/a")).isTrue();
        assertThat(events).anyMatch(e -> e.contains("reusing existing branch feat/a as it is (1 commit(s) ahead"));
    }

    @Test
    void refusesAWorktreePathThatIsNotAWorktreeBeforeCreatingAnything() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write(".worktrees/feat/b/notes.txt", "mine\n");
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER) + """
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);

        assertThatThrownBy(() -> run(repo, plan)).isInstanceOf(RunException.class)
                .hasMessageContaining(".worktrees/feat/b exists but is not a git worktree");
        assertThat(repo.git().branchExists("feat/a")).isFalse();
        assertThat(repo.dir().resolve(".worktrees/feat/b/notes.txt")).hasContent("mine");
    }

    @Test
    void refusesABaseBranchThatDoesNotExist() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.git().run("branch", "develop");
        Plan plan = repo.plan("feat.yaml", "base: develp\n" + worker(GOOD_WORKER) + "workstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> run(repo, plan)).isInstanceOf(PlanException.class)
                .hasMessageContaining("base branch 'develp' does not exist")
                .hasMessageContaining("(did you mean 'develop'?)");
    }

    @Test
    void refusesARepositoryWithNoCommits() {
        TestRepo repo = TestRepo.empty(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER) + "workstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> run(repo, plan)).isInstanceOf(GitException.class)
                .hasMessageContaining("has no commits yet");
    }

    @Test
    void refusesAPlanOutsideAGitRepository() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("not-a-repo"));
        Path planFile = Files.writeString(outside.resolve("plan.yaml"), "workstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> Repository.locate(planFile, null, Environment.ofThisProcess())).isInstanceOf(RunException.class)
                .hasMessageContaining(planFile + " is not inside a git repository");
    }

    @Test
    void refusesAClaudeWorkerWhoseCliCannotBeFoundBeforeCreatingAnything() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", "worker: {claudePath: no-such-claude}\nworkstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> run(repo, plan)).isInstanceOf(RunException.class)
                .hasMessageContaining("the Claude Code CLI 'no-such-claude' was not found");
        assertThat(repo.git().branchExists("feat/a")).isFalse();
    }

    @Test
    void refusesASecondRunOfTheSameFeatureWhileTheFirstIsGoing() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path go = tmp.resolve("go");
        Path started = tmp.resolve("started");
        Plan plan = repo.plan("feat.yaml", worker("touch " + started + "; while [ ! -f " + go + " ]; do sleep 0.05;"
                + " done; echo ok > RESULTS.md") + "workstreams: [{name: a, prompt: x}]\n");
        CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(() -> run(repo, plan));
        TestRepo.awaitTrue("the first run's worker to start", Duration.ofSeconds(20), () -> Files.exists(started));

        assertThatThrownBy(() -> run(repo, plan)).isInstanceOf(RunLockedException.class)
                .hasMessageContaining("another pwt run of feature 'feat' is in progress");

        Files.writeString(go, "");
        assertThat(first.get().succeeded()).isTrue();
    }

    @Test
    void refusesToStartOverAFeatureThatAlreadyHasARun() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER) + "workstreams: [{name: a, prompt: x}]\n");
        run(repo, plan);

        assertThatThrownBy(() -> run(repo, plan)).isInstanceOf(RunException.class)
                .hasMessageContaining("already has a run").hasMessageContaining("pwt resume");
    }

    @Test
    void resumeRunsOnlyWhatDidNotFinishAndLeavesDoneWorkUntouched() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = repo.plan("feat.yaml", worker("if [ \"$PWT_WORKSTREAM\" = b ] && [ ! -f " + fixed + " ];"
                + " then exit 1; fi; " + GOOD_WORKER) + """
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x}
                  - {name: c, prompt: x, dependsOn: [b]}
                """);
        RunSummary first = run(repo, plan);
        assertThat(first.workers()).extracting(WorkerRecord::status)
                .containsExactly(WorkerStatus.DONE, WorkerStatus.FAILED, WorkerStatus.SKIPPED);
        String aTip = repo.tip("feat/a");
        Files.writeString(fixed, "");

        RunSummary second = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder()).resume();

        assertThat(second.succeeded()).isTrue();
        assertThat(repo.tip("feat/a")).isEqualTo(aTip);
        assertThat(second.workers()).extracting(WorkerRecord::attempts).containsExactly(1, 2, 1);
        assertThat(second.info().resumes()).isEqualTo(1);
    }

    @Test
    void aResultsFileFromAnEarlierAttemptDoesNotMarkARetryDone() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path second = tmp.resolve("second");
        Plan plan = repo.plan("feat.yaml", worker("if [ -f " + second + " ]; then exit 0; fi;"
                + " echo first > RESULTS.md; exit 1") + "workstreams: [{name: a, prompt: x}]\n");
        run(repo, plan);
        Files.writeString(second, "");

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder()).resume();

        assertThat(resumed.workers().get(0).status()).isEqualTo(WorkerStatus.INCOMPLETE);
        assertThat(repo.layout("feat").resultsDir("a").resolve("RESULTS.attempt-1.md")).hasContent("first");
    }

    @Test
    void resumeWithoutAnEarlierRunSaysSo() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORKER) + "workstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder()).resume())
                .isInstanceOf(RunException.class).hasMessageContaining("nothing to resume");
    }
}
