package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pwt watch} on a real run made by {@code pwt run} in this JVM (its workers wait for the test's word): plain
 * blocks when the output is not a terminal, a redraw in place on a terminal (tmux), an end when the run ends.
 */
class WatchCommandTest {

    @TempDir
    Path tmp;

    private Path release;
    private Path plan;

    /** A run whose workers wait until {@link #release} exists; returns once it has started. */
    private CompletableFuture<PwtRunner> startRun() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        release = tmp.resolve("release");
        plan = repo.write("plan.yaml", """
                autoMerge: true
                merge: {mode: queue}
                worker: {type: command, run: 'i=0; echo "waiting for the test"; while [ ! -f "%s" ] && [ $i -lt 900 ]; do sleep 0.1; i=$((i+1)); done; echo "$PWT_WORKSTREAM" > $PWT_WORKSTREAM.txt && echo "# R" > RESULTS.md'}
                workstreams: [{name: alpha, prompt: x}, {name: beta, prompt: y}]
                """.formatted(release));
        CompletableFuture<PwtRunner> run = CompletableFuture.supplyAsync(() -> PwtRunner.pwt("run", plan.toString()));
        TestRepo.awaitTrue("the run to start its workers", Duration.ofSeconds(60),
                () -> RunLock.isHeld(repo.layout("plan")) && Files.exists(repo.layout("plan").workerLog("beta")));
        return run;
    }

    @Test
    void withoutATerminalItPrintsABlockPerChangeAndEndsWhenTheRunEnds() throws Exception {
        CompletableFuture<PwtRunner> run = startRun();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> Pwt.execute(new String[] {"watch",
                plan.toString(), "--interval", "0.2"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        TestRepo.awaitTrue("both workers waiting", Duration.ofSeconds(60), () -> {
            List<String> shown = blocks(out.toString());
            return !shown.isEmpty() && count(shown.get(shown.size() - 1), "waiting for the test") == 2;
        });
        int before = blocks(out.toString()).size();
        Thread.sleep(1200); // refreshes in which only the clock moves on

        String whileRunning = out.toString();
        Files.writeString(release, "go\n");

        assertThat(run.get(120, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(watch.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(blocks(whileRunning)).as("no new block while only the clock moves on").hasSize(before);
        assertThat(whileRunning).contains("run running").containsPattern("alpha +running")
                .contains("waiting for the test");
        List<String> blocks = blocks(out.toString());
        assertThat(blocks.size()).isGreaterThan(1);
        assertThat(blocks.get(blocks.size() - 1)).contains("run succeeded").containsPattern("alpha +done .* landed")
                .contains("The run ended: succeeded");
        assertThat(out.toString()).doesNotContain("\u001b");
    }

    @Test
    void withoutARunItSaysSoAndExits3() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", "worker: {type: command, run: 'true'}\nworkstreams: [{name: a, prompt: x}]\n");

        PwtRunner watch = PwtRunner.pwt("watch", plan.toString());

        assertThat(watch.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(watch.err()).contains("feature 'plan' has no run").contains("pwt run " + plan);
        assertThat(PwtRunner.pwt("watch", plan.toString(), "--interval", "0").err())
                .contains("--interval 0.0 is out of range");
    }

    @Test
    void onATerminalItRedrawsInPlaceEndsWithTheRunAndGivesTheCursorBack() throws Exception {
        Tmux tmux = Tmux.start(tmp);
        CompletableFuture<PwtRunner> run = startRun();
        try {
            tmux.run(pwtCommand("watch", plan.toString(), "--interval", "0.3"));
            tmux.await("the dashboard", s -> s.contains("run running") && s.matches("(?s).*beta +running.*"));
            String first = tmux.screen();
            Thread.sleep(1500);
            String later = tmux.screen();
            Files.writeString(release, "go\n");
            assertThat(run.get(120, TimeUnit.SECONDS).exitCode()).isZero();
            tmux.await("watch to end", s -> tmux.exitStatus().isPresent());

            String last = tmux.history(); // tmux scrolls a dead pane's screen up a line for its own message
            assertThat(tmux.exitStatus()).contains(0);
            assertThat(first).contains("WORKSTREAM").containsPattern("beta +running");
            assertThat(count(later, "pwt watch: feature plan")).as("one dashboard, redrawn in place:%n%s", later)
                    .isEqualTo(1);
            assertThat(count(tmux.history(), "pwt watch: feature plan")).as("nothing scrolled away").isEqualTo(1);
            assertThat(last).contains("run succeeded").contains("The run ended: succeeded")
                    .containsPattern("beta +done");
            assertThat(tmux.cursorGivenBack()).as("the cursor is given back").isTrue();
        } finally {
            Files.writeString(release, "go\n");
            tmux.close();
        }
    }

    @Test
    void ctrlCEndsItCleanlyWithTheCursorGivenBack() throws Exception {
        Tmux tmux = Tmux.start(tmp);
        CompletableFuture<PwtRunner> run = startRun();
        try {
            tmux.run(pwtCommand("watch", plan.toString(), "--interval", "0.3"));
            tmux.await("the dashboard", s -> s.contains("alpha"));
            assertThat(tmux.cursorVisible()).as("hidden while it draws:%n%s", tmux.screen()).isFalse();

            tmux.keys("C-c");
            tmux.await("watch to end", s -> tmux.exitStatus().isPresent());

            assertThat(tmux.exitStatus()).as("%s", tmux.history()).contains(ExitCodes.INTERRUPTED);
            assertThat(tmux.cursorGivenBack()).as("the cursor is given back").isTrue();
            assertThat(run.isDone()).as("the run goes on").isFalse();
        } finally {
            Files.writeString(release, "go\n");
            run.get(120, TimeUnit.SECONDS);
            tmux.close();
        }
    }

    /** pwt in a JVM of its own, as an argument list. */
    private static List<String> pwtCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Pwt.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> blocks(String out) {
        return List.of(out.split("(?m)^== \\d\\d:\\d\\d:\\d\\d$")).stream().filter(b -> !b.isBlank()).toList();
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    /** A tmux server of this test's own (its socket in the test's folder), with one 120x30 pane. */
    record Tmux(Path socket) implements AutoCloseable {

        static Tmux start(Path dir) throws Exception {
            Assumptions.assumeTrue(ProcessRun.run(dir, java.util.Map.of(), List.of("sh", "-c",
                    "command -v tmux")).exitCode() == 0, "tmux is not installed (apt-get install -y tmux): the"
                    + " live dashboard needs a terminal to be tested on");
            return new Tmux(dir.resolve("tmux.sock"));
        }

        void run(List<String> command) throws Exception {
            Path conf = socket.resolveSibling("tmux.conf");
            // the pane stays after its command ended, so that its screen and exit status can be read
            Files.writeString(conf, "set-option -g remain-on-exit on\n");
            List<String> args = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", conf.toString(),
                    "new-session", "-d", "-s", "w", "-x", "120", "-y", "30", "-c", socket.getParent().toString()));
            // bash keeps the command's exit status in a file: tmux reports a dead pane's status only once it has
            // reaped the process, which it may not do for a while. A constant script; the command is its arguments.
            // (bash, waiting for a command that handles Ctrl-C itself, goes on when it ends.)
            args.addAll(List.of("bash", "-c", "\"$@\"; echo $? > \"$0\"", exitFile().toString()));
            args.addAll(command);
            ProcessRun started = ProcessRun.run(socket.getParent(), java.util.Map.of(), args);
            assertThat(started.exitCode()).as(started.err()).isZero();
            // what the program writes, escape sequences and all (a dead pane's modes are not to be asked for)
            tmux("pipe-pane", "-o", "-t", "w", "cat >> '" + output() + "'");
        }

        private Path output() {
            return socket.resolveSibling("pane-output");
        }

        /**
         * The cursor is shown again: the last of the sequences that hide and show it (DECTCEM, which every terminal
         * type tmux offers uses) shows it.
         */
        boolean cursorGivenBack() throws Exception {
            String written = Files.exists(output()) ? Files.readString(output(), StandardCharsets.ISO_8859_1) : "";
            return written.lastIndexOf("\u001b[?25h") > written.lastIndexOf("\u001b[?25l");
        }

        String screen() throws Exception {
            return tmux("capture-pane", "-p", "-t", "w");
        }

        /** The pane's screen and what scrolled off it. */
        String history() throws Exception {
            return tmux("capture-pane", "-p", "-S", "-", "-t", "w");
        }

        void keys(String keys) throws Exception {
            tmux("send-keys", "-t", "w", keys);
        }

        private Path exitFile() {
            return socket.resolveSibling("exit-status");
        }

        /** The command's exit status, once it has ended. */
        java.util.Optional<Integer> exitStatus() {
            try {
                String status = Files.exists(exitFile()) ? Files.readString(exitFile()).strip() : "";
                return status.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Integer.parseInt(status));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        boolean cursorVisible() throws Exception {
            return tmux("display-message", "-p", "-t", "w", "#{cursor_flag}").strip().equals("1");
        }

        void await(String what, java.util.function.Predicate<String> condition) throws Exception {
            try {
                TestRepo.awaitTrue(what, Duration.ofSeconds(60), () -> {
                    try {
                        return condition.test(screen());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the screen:\n" + screen(), e);
            }
        }

        private String tmux(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
            command.addAll(List.of(args));
            ProcessRun result = ProcessRun.run(socket.getParent(), java.util.Map.of(), command);
            if (result.exitCode() != 0) {
                throw new IllegalStateException(command + ": " + result.err());
            }
            return result.out();
        }

        @Override
        public void close() throws Exception {
            ProcessRun.run(socket.getParent(), java.util.Map.of(), List.of("tmux", "-S", socket.toString(),
                    "kill-server"));
        }
    }
}
