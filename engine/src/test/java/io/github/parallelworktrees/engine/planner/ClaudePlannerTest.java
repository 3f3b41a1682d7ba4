package io.github.parallelworktrees.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI as the planner, against a scripted model: its first plan is invalid, pwt resumes the
 * same session with the validation errors, and its second plan is valid.
 */
class ClaudePlannerTest {

    /**
     * Reads the spec, then copies a plan into place with Bash: the invalid one, unless the errors pwt handed back (the
     * resumed conversation's prompt; PWT_PLAN_ERRORS for the Bash tool) name the bad workstream. The same script
     * answers the first run and the resume, each from its first turn.
     */
    private static final String SCRIPT = """
            turns:
              - tool_use: {name: Read, input: {file_path: "{{worktree}}/specs/shop.md"}}
              - tool_use:
                  name: Bash
                  input:
                    description: write the plan
                    command: |
                      if [ -n "$PWT_PLAN_ERRORS" ] && grep -q "Bad Name" "$PWT_PLAN_ERRORS"; then
                        cp "%s" "$PWT_PLAN_OUT"
                      else
                        cp "%s" "$PWT_PLAN_OUT"
                      fi
              - text: The plan is written.
            """;

    @TempDir
    Path tmp;

    @Test
    void aClaudePlannerResumesItsSessionWithTheErrorsAndItsSecondPlanIsValid() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("specs/shop.md", "# Shop\n\nAn API and a UI on top of it.\n");
        repo.commitAll("spec");
        Path valid = TestRepo.writeFile(tmp.resolve("valid.yaml"), CommandPlannerTest.VALID_PLAN);
        Path invalid = TestRepo.writeFile(tmp.resolve("invalid.yaml"), CommandPlannerTest.INVALID_PLAN);
        Path script = TestRepo.writeFile(tmp.resolve("planner.rehearsal.yaml"), SCRIPT.formatted(valid, invalid));
        Path out = repo.dir().resolve("specs/shop.plan.yaml");
        WorkerSpec worker = new WorkerSpec(WorkerType.CLAUDE, "sonnet", Optional.empty(), Duration.ofMinutes(2),
                "bypassPermissions", Optional.empty(), ClaudeCli.binary().toString(), Optional.empty(),
                Optional.of(script.toString()), List.of(), 0, Duration.ofSeconds(1));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        // the CLI refuses bypassPermissions as root outside a declared sandbox; this test's machine is one
        Environment environment = Environment.ofThisProcess().with(Map.of("IS_SANDBOX", "1"));

        Planning planning = new Planner(environment, new ScriptedRehearsals(servers::add), progress::add)
                .plan(new PlanningRequest(repo.dir(), repo.dir().resolve("specs/shop.md"), out, Optional.of(2), 3,
                        worker, false));

        assertThat(planning.status()).as(planning.reason().orElse("") + "\n"
                + TestRepo.read(planning.records().resolve("planner.log"))).isEqualTo(Planning.Status.VALID);
        assertThat(planning.attempts()).hasSize(2);
        assertThat(planning.attempts().get(0).errors()).anySatisfy(e -> assertThat(e).contains("Bad Name"));
        assertThat(planning.plan().orElseThrow().workstreams()).extracting(w -> w.name()).containsExactly("api", "ui");
        assertThat(out).content().isEqualTo(CommandPlannerTest.VALID_PLAN);
        // one session for both attempts: the second run resumed it, and its first request carries the first run
        String session = planning.attempts().get(0).session().orElseThrow();
        assertThat(planning.attempts().get(1).session()).contains(session);
        assertThat(TestRepo.read(planning.records().resolve("planner.log"))).contains("--resume " + session);
        assertThat(servers).hasSize(2);
        String first = servers.get(0).turnRequests().get(0).conversationText();
        assertThat(first).contains("# Planning brief", "An API and a UI on top of it.", "exactly 2",
                "PWT_PLAN_OUT", out.toString(), "## The plan format");
        String resumed = servers.get(1).turnRequests().get(0).conversationText();
        assertThat(resumed).contains("# Planning brief", "The plan is written.",
                "pwt validated the plan you wrote at " + out + " and found problems (attempt 1 of 3)",
                "workstream name 'Bad Name' is invalid");
        assertThat(planning.usage().costUsd()).isPositive();
        assertThat(planning.records().resolve("transcript.jsonl")).exists();
        assertThat(TestRepo.json(planning.records().resolve("planning.json")).path("cost_usd").asDouble())
                .isPositive();
        // the CLI, its session files and the records left nothing in the repository but the plan
        assertThat(repo.git().run("status", "--porcelain", "--untracked-files=all"))
                .isEqualTo("?? specs/shop.plan.yaml");
        assertThat(progress).anySatisfy(p -> assertThat(p).contains("resuming session " + session));
    }
}
