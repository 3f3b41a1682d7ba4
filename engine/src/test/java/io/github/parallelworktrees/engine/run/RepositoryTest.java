package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository a plan runs in: its base revision and the branches a run would create, checked first. */
class RepositoryTest {

    private static final String WORKER = "worker: {type: command, run: 'echo \"# R\" > RESULTS.md'}\n";

    @TempDir
    Path tmp;

    private static RunSummary run(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), message -> { }).run();
    }

    @Test
    void aBranchNamedAsTheFeatureIsRefusedBeforeAnythingIsCreated() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.git().run("branch", "feat");
        List<String> before = repo.git().lines("for-each-ref", "--format=%(refname)");
        Plan plan = repo.plan("plan.yaml", "feature: feat\n" + WORKER + "workstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> run(repo, plan)).isInstanceOf(RunException.class).hasMessage(plan.source()
                + ": branch 'feat' exists in " + repo.dir() + ", so git cannot create branch 'feat/a',"
                + " 'feat/integration' (a branch name cannot also be a folder of branches); set 'feature:' in the plan"
                + " to a name no branch starts with, or rename the branch 'feat'");
        assertThat(repo.git().lines("for-each-ref", "--format=%(refname)")).isEqualTo(before);
        assertThat(repo.dir().resolve(".worktrees")).doesNotExist();
    }

    @Test
    void aFeatureNamedAsTheBaseBranchIsRefused() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", "feature: main\n" + WORKER + "workstreams: [{name: a, prompt: x}]\n");

        assertThat(Repository.branchConflicts(repo.git(), plan, plan.workstreams())).singleElement().asString()
                .contains("branch 'main' exists", "cannot create branch 'main/a', 'main/integration'");
    }

    @Test
    void aBranchInsideAPlannedBranchsNameIsRefusedAndTheRunsOwnBranchesAreNot() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.git().run("branch", "feat/a/old");
        repo.git().run("branch", "feat/b");
        repo.git().run("branch", "release/x");
        Plan plan = repo.plan("plan.yaml", "feature: feat\nintegration: release\n" + WORKER
                + "workstreams: [{name: a, prompt: x}, {name: b, prompt: y}]\n");

        assertThat(Repository.branchConflicts(repo.git(), plan, plan.workstreams())).containsExactly(
                plan.source() + ": branch 'feat/a/old' exists in " + repo.dir() + ", so git cannot create branch"
                        + " 'feat/a' (a branch name cannot also be a folder of branches); set 'feature:' in the plan"
                        + " to a name no branch starts with, or rename the branch 'feat/a/old'",
                plan.source() + ": branch 'release/x' exists in " + repo.dir() + ", so git cannot create branch"
                        + " 'release' (a branch name cannot also be a folder of branches); set 'integration:' in the"
                        + " plan to another branch name, or rename the branch 'release/x'");
    }

    @Test
    void aBaseThatIsARevisionRunsFromTheCommitItNames() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String first = repo.git().run("rev-parse", "HEAD");
        repo.write("second.txt", "2\n");
        repo.commitAll("second");
        Plan plan = repo.plan("plan.yaml", "base: HEAD~1\n" + WORKER + "workstreams: [{name: a, prompt: x}]\n");

        RunSummary summary = run(repo, plan);

        assertThat(summary.succeeded()).isTrue();
        assertThat(repo.git().run("merge-base", "main", "plan/a")).isEqualTo(first);
        assertThat(Files.exists(repo.dir().resolve(".worktrees/plan/a/second.txt"))).isFalse();
    }
}
