package io.github.parallelworktrees.engine.radar;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conflict radar: which branches would conflict, found off-tree with real git while nothing merges. */
class ConflictRadarTest {

    @TempDir
    Path tmp;

    private TestRepo repo;
    private String base;

    @BeforeEach
    void repository() {
        repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("src/shared.txt", "one\n");
        repo.commitAll("shared file");
        base = repo.tip("main");
    }

    private void branch(String name, String file, String text) {
        repo.git().run("checkout", "--quiet", "-b", name, base);
        repo.write(file, text);
        repo.commitAll(name + ": work");
        repo.git().run("checkout", "--quiet", "main");
    }

    private Map<String, String> branches(String... names) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : names) {
            map.put(name, "f/" + name);
        }
        return map;
    }

    @Test
    void twoBranchesChangingTheSameLinesConflictInThatFileAndTheOthersAreClean() {
        branch("f/a", "src/shared.txt", "from a\n");
        branch("f/b", "src/shared.txt", "from b\n");
        branch("f/c", "src/other.txt", "c's own file\n");
        repo.git().run("branch", "f/idle", base);
        String before = repo.git().run("for-each-ref");

        List<ConflictRadar.Conflict> found = new ConflictRadar(repo.git()).scan(branches("a", "b", "c", "idle"),
                Optional.of("f/integration"), base);

        assertThat(found).containsExactly(new ConflictRadar.Conflict("a", "b", List.of("src/shared.txt")));
        // it looked without touching a ref, the index or the checkout
        assertThat(repo.git().run("for-each-ref")).isEqualTo(before);
        assertThat(repo.git().run("status", "--porcelain")).isEmpty();
    }

    @Test
    void aBranchThatWouldConflictWithTheIntegrationBranchIsNamedWithIt() {
        branch("f/a", "src/shared.txt", "from a\n");
        branch("f/integration", "src/shared.txt", "already merged: another version\n");

        List<ConflictRadar.Conflict> found = new ConflictRadar(repo.git()).scan(branches("a"),
                Optional.of("f/integration"), base);

        assertThat(found).containsExactly(new ConflictRadar.Conflict("a", "f/integration",
                List.of("src/shared.txt")));
        assertThat(RadarWatch.line(found.get(0))).isEqualTo("a and f/integration would conflict in src/shared.txt");
    }

    @Test
    void aLandedBranchIsSeenThroughTheIntegrationBranchNotAsAPairOfItsOwn() {
        branch("f/a", "src/shared.txt", "from a\n");
        branch("f/b", "src/shared.txt", "from b\n");
        ConflictRadar radar = new ConflictRadar(repo.git());
        assertThat(radar.scan(branches("a", "b"), Optional.of("f/integration"), base))
                .containsExactly(new ConflictRadar.Conflict("a", "b", List.of("src/shared.txt")));

        // a lands: the integration branch is a's tip now
        repo.git().run("branch", "f/integration", "f/a");

        assertThat(radar.scan(branches("a", "b"), Optional.of("f/integration"), base))
                .containsExactly(new ConflictRadar.Conflict("b", "f/integration", List.of("src/shared.txt")));
    }

    @Test
    void aRunsWorkersAreToldInCoordinationMdBeforeAnyMerge() {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Plan plan = repo.plan("f.yaml", """
                worker: {type: command, run: 'echo "from $PWT_WORKSTREAM" > src/shared.txt && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}, {name: c, prompt: x, worker: {type: command, run: 'echo ok > RESULTS.md'}}]
                """);

        RunSummary summary = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                new RunListener() {
                    @Override
                    public void info(String message) {
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                }).run();

        assertThat(summary.workers()).allMatch(w -> w.status() == WorkerStatus.DONE);
        assertThat(TestRepo.read(repo.layout("f").coordinationFile())).contains("## Conflict radar (pwt, ")
                .contains("- a and b would conflict in src/shared.txt").doesNotContain("and c would")
                .doesNotContain("- c and");
        assertThat(warnings).contains("conflict radar: a and b would conflict in src/shared.txt");
        assertThat(repo.git().branchExists("f/integration")).as("nothing was merged to find it").isFalse();
    }
}
