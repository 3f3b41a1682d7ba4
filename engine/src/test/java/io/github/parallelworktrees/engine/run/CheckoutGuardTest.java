package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main checkout is the one place a worker must never write: a change there is reported, and left alone. */
class CheckoutGuardTest {

    /** Does the workstream's task properly, in its worktree. */
    private static final String GOOD_WORK = "echo \"$PWT_WORKSTREAM\" > \"$PWT_WORKSTREAM.txt\""
            + " && git add \"$PWT_WORKSTREAM.txt\" && git commit -q -m \"$PWT_WORKSTREAM: work\""
            + " && echo \"# R\" > RESULTS.md";

    @TempDir
    Path tmp;

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    private final RunListener recorder = new RunListener() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    private static String worker(String run) {
        return "worker: {type: command, run: '" + run.replace("'", "''") + "', timeoutMinutes: 1}\n";
    }

    private RunSummary run(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder).run();
    }

    @Test
    void aWorkerThatWritesIntoTheMainCheckoutIsReportedAndItsFileLeftThere() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker("echo stray > \"$PWT_WORKTREE/../../../stray.txt\" && "
                + GOOD_WORK) + "workstreams: [{name: a, prompt: x}]\n");

        RunSummary summary = run(repo, plan);

        WorkerRecord a = summary.workers().get(0);
        String expected = "the main checkout " + repo.dir() + " changed while a ran (file stray.txt changed):"
                + " a worker may have written outside its worktree; pwt left the changes as they are";
        assertThat(a.status()).as("its own work is judged as usual").isEqualTo(WorkerStatus.DONE);
        assertThat(a.reason()).isEqualTo(expected);
        assertThat(warnings).containsExactly("a: " + expected);
        assertThat(repo.layout("feat").workerLog("a")).content().contains("pwt: warning: " + expected);
        assertThat(repo.dir().resolve("stray.txt")).hasContent("stray");
    }

    @Test
    void aWorkerThatCommitsInTheMainCheckoutIsReportedAndItsCommitKept() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String before = repo.tip("main");
        Plan plan = repo.plan("feat.yaml", worker("root=\"$PWT_WORKTREE/../../..\" && echo x >> \"$root/README.md\""
                + " && git -C \"$root\" commit -qam sneaky && " + GOOD_WORK) + "workstreams: [{name: a, prompt: x}]\n");

        RunSummary summary = run(repo, plan);

        String after = repo.tip("main");
        assertThat(after).isNotEqualTo(before);
        assertThat(summary.workers().get(0).reason()).contains("changed while a ran (HEAD (main) moved from "
                + before.substring(0, 12) + " to " + after.substring(0, 12) + "; file README.md changed)");
        assertThat(warnings).hasSize(1);
        assertThat(repo.git().run("log", "-1", "--format=%s", "main")).isEqualTo("sneaky");
    }

    @Test
    void aSetupCommandThatWritesIntoTheMainCheckoutIsNamed() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORK) + """
                setup: ["echo more >> ../../../README.md"]
                workstreams: [{name: a, prompt: x}]
                """);

        RunSummary summary = run(repo, plan);

        assertThat(summary.workers().get(0).reason()).startsWith("the main checkout " + repo.dir()
                + " changed while a's setup command 'echo more >> ../../../README.md' ran (file README.md changed)");
        assertThat(repo.dir().resolve("README.md")).hasContent("# test project\nmore");
    }

    @Test
    void aWellBehavedRunBesideTheUsersOwnUncommittedWorkReportsNothing() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("README.md", "# the user's edit\n");
        repo.write("notes.txt", "the user's untracked notes\n");
        repo.write("staged.txt", "staged\n");
        repo.git().run("add", "staged.txt");
        Plan plan = repo.plan("feat.yaml", worker(GOOD_WORK) + """
                setup: ["echo set up > setup.txt"]
                workstreams: [{name: a, prompt: x}, {name: b, prompt: y}]
                """);

        RunSummary summary = run(repo, plan);

        assertThat(summary.succeeded()).isTrue();
        assertThat(warnings).as("the user's edits are named once, before the run, and blamed on no worker")
                .singleElement().asString().startsWith("your checkout has 2 uncommitted change(s) to tracked files"
                        + " (README.md, staged.txt)");
        assertThat(summary.workers()).extracting(WorkerRecord::reason).containsOnlyNulls();
    }

    @Test
    void seesAWriteToAFileTheUserHadAlreadyChanged() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path readme = repo.write("README.md", "# the user's edit\n");
        Files.setLastModifiedTime(readme, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        CheckoutGuard guard = new CheckoutGuard(repo.git());
        CheckoutGuard.Snapshot before = guard.snapshot();

        Files.writeString(readme, "# a worker's edit\n");

        assertThat(guard.changes(before, guard.snapshot())).hasValue("file README.md changed");
    }

    @Test
    void seesAFileStagedInTheIndex() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("new.txt", "new\n");
        CheckoutGuard guard = new CheckoutGuard(repo.git());
        CheckoutGuard.Snapshot before = guard.snapshot();

        repo.git().run("add", "new.txt");

        assertThat(guard.changes(before, guard.snapshot())).hasValue("file new.txt changed");
    }

    @Test
    void seesASwitchToAnotherBranch() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String main = repo.tip("main");
        CheckoutGuard guard = new CheckoutGuard(repo.git());
        CheckoutGuard.Snapshot before = guard.snapshot();

        repo.git().run("checkout", "-q", "-b", "elsewhere");

        assertThat(guard.changes(before, guard.snapshot())).hasValue("HEAD moved from main at "
                + main.substring(0, 12) + " to elsewhere at " + main.substring(0, 12));
    }

    @Test
    void ignoresTheRunsOwnFilesAndAnUnchangedCheckout() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("README.md", "# the user's edit\n");
        CheckoutGuard guard = new CheckoutGuard(repo.git());
        CheckoutGuard.Snapshot before = guard.snapshot();

        repo.write(RunLayout.WORKTREES_DIR + "/feat/sessions.json", "{}\n");

        assertThat(guard.changes(before, guard.snapshot())).isEmpty();
    }
}
