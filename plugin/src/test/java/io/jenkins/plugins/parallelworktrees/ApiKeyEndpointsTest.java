package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key reaches a real worker's CLI, and never a rehearsal. */
class ApiKeyEndpointsTest {

    private static final String KEY = "sk-ant-api03-test-key-never-logged";

    @TempDir
    Path tmp;

    private WorkerContext context(TestRepo repo, Plan plan, String name) {
        Workstream ws = plan.workstream(name).orElseThrow();
        Path root = repo.layout(plan.feature()).root();
        return new WorkerContext(ws, plan.feature(), plan.branchOf(ws), root.resolve(name), repo.dir(), root,
                root.resolve("results").resolve(name), root.resolve("worker.log"), Environment.ofThisProcess(), 1, Optional.empty(),
                (pid, at) -> { });
    }

    @Test
    void aRealWorkerGetsTheKeyInItsEnvironment() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", "workstreams: [{name: a, prompt: Go.}]\n");

        try (Rehearsals.Endpoint endpoint = ApiKeyEndpoints.of(KEY).start(context(repo, plan, "a"))) {
            assertThat(endpoint.environment()).containsEntry("ANTHROPIC_API_KEY", KEY).hasSize(1);
        }
    }

    @Test
    void aRehearsalGetsItsScriptedModelAndNeverTheKey() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("rehearsal.yaml", "turns:\n  - text: Done.\n");
        Plan plan = repo.plan("plan.yaml", "worker: {rehearsal: rehearsal.yaml}\nworkstreams: [{name: a, prompt: Go.}]\n");

        try (Rehearsals.Endpoint endpoint = ApiKeyEndpoints.of(KEY).start(context(repo, plan, "a"))) {
            assertThat(endpoint.environment()).doesNotContainValue(KEY)
                    .containsKey("ANTHROPIC_BASE_URL");
            assertThat(endpoint.environment().get("ANTHROPIC_BASE_URL")).startsWith("http://127.0.0.1:");
            assertThat(endpoint.unset()).contains("ANTHROPIC_API_KEY");
        }
    }

    @Test
    void withoutAKeyTheAgentsOwnEnvironmentApplies() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", "workstreams: [{name: a, prompt: Go.}]\n");

        try (Rehearsals.Endpoint endpoint = ApiKeyEndpoints.of(null).start(context(repo, plan, "a"))) {
            assertThat(endpoint.environment()).isEmpty();
        }
    }
}
