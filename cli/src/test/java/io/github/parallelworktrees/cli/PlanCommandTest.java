package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pwt plan} with a command planner: the summary and the next command, failures and refusals. */
class PlanCommandTest {

    private static final String VALID_PLAN = """
            waves: [{wave: 1, gate: {command: "npm test"}}]
            workstreams:
              - {name: api, prompt: "Build the API.", files: ["src/api/**"]}
              - {name: ui, prompt: "Build the UI.", files: ["src/ui/**"], dependsOn: [api], race: 2,
                 review: {worker: {type: command, run: 'true'}, criticality: UNSTABLE}}
            """;

    @TempDir
    Path tmp;

    @Test
    void plansBesideTheSpecAfterSendingTheFirstPlansErrorsBackAndPrintsTheNextCommand() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("package.json", "{\"scripts\": {\"test\": \"node --test\"}}");
        repo.write("specs/shop.md", "# Shop\n");
        Path planner = TestRepo.writeFile(tmp.resolve("planner.sh"), """
                if [ "$PWT_PLAN_ATTEMPT" = 1 ]; then
                  printf 'workstreams: [{name: api}]\\n' > "$PWT_PLAN_OUT"
                else
                  cat > "$PWT_PLAN_OUT" <<'PLAN'
                %sPLAN
                fi
                """.formatted(VALID_PLAN));

        PwtRunner result = PwtRunner.pwt("plan", repo.dir().resolve("specs/shop.md").toString(), "--worker-type",
                "command", "--run", "sh " + planner);

        Path plan = repo.dir().resolve("specs/shop.plan.yaml");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(plan).content().isEqualTo(VALID_PLAN);
        assertThat(result.out()).contains("planner attempt 1 of 3: command", "plan invalid (1 problem); sending"
                + " them back to the planner", "planner attempt 2 of 3",
                "Plan: " + plan + " (feature shop, 2 workstreams, 2 waves), valid after 2 attempts",
                "wave 1: gate {\"command\":\"npm test\"}", "    api  files: src/api/**",
                "    ui (after api)  files: src/ui/**  race of 2  reviewed (UNSTABLE)", "Records: " + repo.dir().resolve(".worktrees/.planning"),
                "Nothing has run.", "  pwt run " + plan);
    }

    @Test
    void spentAttemptsExitOneWithTheErrorsAndKeepTheLastPlan() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path out = tmp.resolve("plans/mine.yaml");

        PwtRunner result = PwtRunner.pwt("plan", repo.dir().resolve("spec.md").toString(), "--out", out.toString(),
                "--attempts", "2", "--worker-type", "command", "--run",
                "printf 'workstreams: [{name: Bad}]\\n' > \"$PWT_PLAN_OUT\"");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("pwt: planning failed: the plan is still invalid after 2 attempts",
                out + ":1: workstream name 'Bad' is invalid");
        assertThat(out).content().contains("name: Bad");
        assertThat(result.out()).contains("2 attempts. Records: " + repo.dir().resolve(".worktrees/.planning/mine.yaml"));
    }

    @Test
    void aPlannerThatTouchesAnotherFileFailsNamingIt() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");

        PwtRunner result = PwtRunner.pwt("plan", repo.dir().resolve("spec.md").toString(), "--worker-type",
                "command", "--run", "echo x >> README.md; printf 'workstreams: [{name: a, prompt: p}]\\n' >"
                        + " \"$PWT_PLAN_OUT\"");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("the planner changed files besides the plan: README.md");
    }

    @Test
    void badInputIsRefusedWithExitThree() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        String spec = repo.dir().resolve("spec.md").toString();

        PwtRunner noRun = PwtRunner.pwt("plan", spec, "--worker-type", "command");
        assertThat(noRun.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noRun.err()).contains("--worker-type command needs --run CMD");

        repo.write("spec.plan.yaml", "# mine\n");
        PwtRunner exists = PwtRunner.pwt("plan", spec, "--worker-type", "command", "--run", "true");
        assertThat(exists.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(exists.err()).contains("exists and is not a plan an earlier 'pwt plan' wrote", "--force");

        PwtRunner noClaude = PwtRunner.pwt("plan", spec, "--out", tmp.resolve("p.yaml").toString(),
                "--claude-path", tmp.resolve("no-such-claude").toString());
        assertThat(noClaude.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noClaude.err()).contains("planner: the Claude Code CLI", "was not found");

        PwtRunner sameFile = PwtRunner.pwt("plan", spec, "--out", spec, "--worker-type", "command", "--run", "true");
        assertThat(sameFile.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(sameFile.err()).contains("is the spec itself");
        assertThat(repo.dir().resolve("spec.md")).content().isEqualTo("# Spec\n");

        PwtRunner notARepo = PwtRunner.pwt("plan", TestRepo.writeFile(tmp.resolve("elsewhere/s.md"), "# S\n")
                .toString(), "--worker-type", "command", "--run", "true");
        assertThat(notARepo.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notARepo.err()).contains("is not inside a git repository");
    }

    @Test
    void sigtermStopsTheCommandPlannerAndExits130() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path pid = tmp.resolve("planner.pid");
        Process pwt = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Pwt.class.getName(), "plan",
                repo.dir().resolve("spec.md").toString(), "--worker-type", "command", "--run",
                "echo $$ > " + pid + "; exec sleep 300")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("pwt.out").toFile())
                .start();
        TestRepo.awaitTrue("the planner running", java.time.Duration.ofSeconds(60),
                () -> java.nio.file.Files.exists(pid) && !TestRepo.read(pid).isBlank());
        long planner = Long.parseLong(TestRepo.read(pid).strip());

        pwt.destroy(); // SIGTERM

        assertThat(pwt.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = TestRepo.read(tmp.resolve("pwt.out"));
        assertThat(pwt.exitValue()).as(out).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(out).contains("planning failed: stopped by a signal (Ctrl-C or SIGTERM) during attempt 1");
        TestRepo.awaitTrue("the planner stopped", java.time.Duration.ofSeconds(10),
                () -> !ProcessHandle.of(planner).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void runPlanFirstPlansShowsThePlanAndRunsItWithYes() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("greet.md", "# Greet\n\nWrite hello.txt.\n");
        repo.commitAll("spec");
        Path planner = TestRepo.writeFile(tmp.resolve("planner.sh"), """
                cat > "$PWT_PLAN_OUT" <<'PLAN'
                worker: {type: command, run: 'echo hello > hello.txt && git add hello.txt && git commit -qm hello && echo "# R" > RESULTS.md'}
                workstreams: [{name: hello, prompt: Write hello.txt.}]
                PLAN
                """);
        String spec = repo.dir().resolve("greet.md").toString();

        PwtRunner unasked = PwtRunner.pwt("run", "--plan-first", spec, "--worker-type", "command", "--run",
                "sh " + planner);
        assertThat(unasked.exitCode()).as(unasked.out() + unasked.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unasked.out()).contains("Plan: " + repo.dir().resolve("greet.plan.yaml"));
        assertThat(unasked.err()).contains("the plan was not run: --plan-first asks before running, and there is no"
                + " terminal to ask on; pass --yes");
        assertThat(repo.dir().resolve(".worktrees/greet")).as("nothing ran").doesNotExist();

        PwtRunner accepted = PwtRunner.pwt("run", "--plan-first", spec, "--worker-type", "command", "--run",
                "sh " + planner, "--yes");
        assertThat(accepted.exitCode()).as(accepted.out() + accepted.err()).isZero();
        assertThat(accepted.out()).contains("plan valid after 1 attempt", "Plan: ", "Running it now (--yes).")
                .doesNotContain("Nothing has run");
        assertThat(repo.git().run("show", "greet/hello:hello.txt")).isEqualTo("hello");

        PwtRunner plannerOptionAlone = PwtRunner.pwt("run", repo.dir().resolve("greet.plan.yaml").toString(),
                "--model", "opus", "--yes");
        assertThat(plannerOptionAlone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plannerOptionAlone.err()).contains("--model, --yes: only with --plan-first");
    }

    @Test
    void aClaudePlannerRehearsedWithTheRealCliWritesThePlan() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path script = TestRepo.writeFile(tmp.resolve("planner.rehearsal.yaml"), """
                turns:
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/spec.plan.yaml", content: "workstreams: [{name: a, prompt: Do a.}]\\n"}}
                  - text: Planned.
                """);

        // acceptEdits, the default: the planner may write, and needs no sandbox even as root
        PwtRunner result = PwtRunner.pwt("plan", repo.dir().resolve("spec.md").toString(), "--claude-path",
                io.github.parallelworktrees.engine.testing.ClaudeCli.binary().toString(), "--rehearsal",
                script.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("planner attempt 1 of 3: claude, model sonnet, new session",
                "planner: turn 1: Write", "(feature spec, 1 workstream, 1 wave), valid after 1 attempt");
        assertThat(repo.dir().resolve("spec.plan.yaml")).content().isEqualTo("workstreams: [{name: a, prompt: Do a.}]\n");
    }
}
