package io.github.parallelworktrees.engine.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.ApiError;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Reply;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.SideRequests;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Stall;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.StopReason;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Text;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.ToolUse;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Turn;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Usage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalScriptTest {

    private static final String FULL =
            String.join(
                    "\n",
                    "description: every kind of turn",
                    "side_requests: detect",
                    "turns:",
                    "  - tool_use:",
                    "      name: Write",
                    "      input:",
                    "        file_path: hello.txt",
                    "        content: \"hello\\n\"",
                    "  - text: Done.",
                    "  - text: Committing.",
                    "    tool_use: {name: Bash, input: {command: \"git add -A && git commit -m x\"}}",
                    "  - content:",
                    "      - text: Partial",
                    "      - tool_use: {name: Read, input: {file_path: README.md, limit: 20}, id: toolu_r}",
                    "    stop_reason: max_tokens",
                    "    usage: {input_tokens: 1200, output_tokens: 64000}",
                    "  - error: 529",
                    "  - error: {status: 429, message: slow down, retry_after: 1}",
                    "  - error: {status: 500, retry: false, type: api_error}",
                    "  - stall: true",
                    "    delay_ms: 5",
                    "  - tool_use: [{name: Bash, input: {command: 'true'}}, {name: Read}]",
                    "    repeat: 2",
                    "  - tool_use: {name: Bash, input: {command: 'true'}}",
                    "    repeat: forever",
                    "");

    @Test
    void readsEveryKindOfTurn() {
        RehearsalScript script = RehearsalScript.parse(FULL, "full.yaml");

        assertThat(script.source()).isEqualTo("full.yaml");
        assertThat(script.sideRequests()).isEqualTo(SideRequests.DETECT);
        List<Turn> turns = script.turns();
        assertThat(turns).hasSize(10);

        Reply write = (Reply) turns.get(0).action();
        assertThat(write.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(write.usage()).isEqualTo(Usage.DEFAULT);
        assertThat(write.content())
                .containsExactly(
                        new ToolUse(
                                null,
                                "Write",
                                Map.of("file_path", "hello.txt", "content", "hello\n")));
        assertThat(turns.get(0).line()).isEqualTo(4);
        assertThat(turns.get(0).repeat()).isEqualTo(1);

        Reply done = (Reply) turns.get(1).action();
        assertThat(done.content()).containsExactly(new Text("Done."));
        assertThat(done.stopReason()).isEqualTo(StopReason.END_TURN);

        Reply both = (Reply) turns.get(2).action();
        assertThat(both.content()).hasSize(2).first().isEqualTo(new Text("Committing."));
        assertThat(both.stopReason()).isEqualTo(StopReason.TOOL_USE);

        Reply full = (Reply) turns.get(3).action();
        assertThat(full.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(full.usage()).isEqualTo(new Usage(1200, 64000, 0, 0));
        ToolUse read = (ToolUse) full.content().get(1);
        assertThat(read.id()).isEqualTo("toolu_r");
        assertThat(read.input()).containsEntry("limit", 20);

        assertThat(turns.get(4).action())
                .isEqualTo(new ApiError(529, "overloaded_error", "Overloaded", true, null));
        ApiError limited = (ApiError) turns.get(5).action();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.type()).isEqualTo("rate_limit_error");
        assertThat(limited.message()).isEqualTo("slow down");
        assertThat(limited.retryAfterSeconds()).isEqualTo(1);
        assertThat(((ApiError) turns.get(6).action()).retry()).isFalse();

        assertThat(turns.get(7).action()).isInstanceOf(Stall.class);
        assertThat(turns.get(7).delayMillis()).isEqualTo(5);

        Reply parallel = (Reply) turns.get(8).action();
        assertThat(parallel.content()).hasSize(2);
        assertThat(((ToolUse) parallel.content().get(1)).input()).isEmpty();
        assertThat(turns.get(8).repeat()).isEqualTo(2);

        assertThat(turns.get(9).isForever()).isTrue();
        assertThat(script.endless()).isTrue();
    }

    @Test
    void theTopLevelMayBeJustTheTurns() {
        RehearsalScript script = RehearsalScript.parse("- text: hi\n- error: 500\n", "short.yaml");
        assertThat(script.turns()).hasSize(2);
        assertThat(script.endless()).isFalse();
        assertThat(((ApiError) script.turns().get(1).action()).type()).isEqualTo("api_error");
    }

    @Test
    void textKeepsScalarsAsWritten() {
        RehearsalScript script = RehearsalScript.parse("- text: 1.50\n- text: true\n", "t.yaml");
        assertThat(((Reply) script.turns().get(0).action()).content())
                .containsExactly(new Text("1.50"));
        assertThat(((Reply) script.turns().get(1).action()).content())
                .containsExactly(new Text("true"));
    }

    @Test
    void sideRequestsCanBeTurnedOff() {
        RehearsalScript script =
                RehearsalScript.parse("side_requests: none\nturns:\n  - text: hi\n", "s.yaml");
        assertThat(script.sideRequests()).isEqualTo(SideRequests.NONE);
    }

    @Test
    void theDocumentedExampleParses() throws Exception {
        Path doc = projectRoot().resolve("docs").resolve("rehearsal.md");
        String markdown = Files.readString(doc, StandardCharsets.UTF_8);
        Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        int examples = 0;
        while (yaml.find()) {
            RehearsalScript script =
                    RehearsalScript.parse(yaml.group(1), doc + " example " + ++examples);
            assertThat(script.turns()).isNotEmpty();
        }
        assertThat(examples).as("yaml examples in " + doc).isGreaterThan(0);
    }

    @Test
    void scriptsCanBeBuiltInJava() {
        RehearsalScript script =
                RehearsalScript.of(
                        Turn.toolUse("Write", Map.of("file_path", "a.txt", "content", "a")),
                        Turn.error(529).times(2),
                        Turn.stall().delayed(10),
                        Turn.text("done").repeatForever());
        assertThat(script.turns()).hasSize(4);
        assertThat(script.turns().get(1).repeat()).isEqualTo(2);
        assertThat(script.endless()).isTrue();
        assertThatThrownBy(() -> RehearsalScript.of(Turn.text("a").repeatForever(), Turn.text("b")))
                .hasMessageContaining("never reached");
    }

    @Test
    void toolInputIsImmutable() {
        RehearsalScript script =
                RehearsalScript.parse("- tool_use: {name: X, input: {list: [1, 2]}}\n", "i.yaml");
        ToolUse use = (ToolUse) ((Reply) script.turns().get(0).action()).content().get(0);
        assertThatThrownBy(() -> use.input().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) use.input().get("list");
        assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- errors name the script, the line and the column ---------------------------------------

    @Test
    void anUnknownStopReasonNamesTheFileAndLine() {
        String yaml = "turns:\n  - text: hi\n  - text: bye\n    stop_reason: done\n";
        RehearsalScriptException e = problem(yaml, "plan.rehearsal.yaml");
        assertThat(e.source()).isEqualTo("plan.rehearsal.yaml");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(18);
        assertThat(e.getMessage())
                .isEqualTo(
                        "plan.rehearsal.yaml, line 4, column 18: unknown stop_reason 'done' (expected one of"
                                + " end_turn, tool_use, max_tokens, stop_sequence, refusal)");
    }

    @Test
    void aLoadedFileIsNamedByItsPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "turns:\n  - text: hi\n  - txet: typo\n");
        assertThatThrownBy(() -> RehearsalScript.load(file))
                .isInstanceOf(RehearsalScriptException.class)
                .hasMessageStartingWith(
                        file + ", line 3, column 5: unknown key 'txet' in a turn (allowed:");
    }

    @Test
    void yamlSyntaxErrorsHaveALine() {
        RehearsalScriptException e =
                problem("turns:\n  - text: [unclosed\n  - text: x\n", "s.yaml");
        assertThat(e.line()).isGreaterThan(1);
        assertThat(e.getMessage()).startsWith("s.yaml, line ").contains("not valid YAML");
    }

    @Test
    void badScriptsAreRejectedWithTheReason() {
        assertProblem("", 0, "the script is empty");
        assertProblem("turns: 3\n", 1, "'turns' must be a list, not the number 3");
        assertProblem("steps: []\n", 1, "unknown key 'steps' at the top of a script");
        assertProblem("turns:\n  - hello\n", 2, "turn 1 must be a mapping");
        assertProblem("turns:\n  - repeat: 2\n", 2, "says neither what to reply");
        assertProblem("turns:\n  - text: a\n    error: 500\n", 2, "turn 1 mixes a reply and error");
        assertProblem("turns:\n  - stall: yes please\n", 2, "write 'stall: true'");
        assertProblem("turns:\n  - error: 200\n", 2, "an error status must be 400..599, not 200");
        assertProblem("turns:\n  - error: {message: x}\n", 2, "an error needs a 'status'");
        assertProblem(
                "turns:\n  - error: {status: 500, retry: maybe}\n",
                2,
                "retry must be true or false");
        assertProblem("turns:\n  - tool_use: {input: {}}\n", 2, "a tool_use needs a 'name'");
        assertProblem(
                "turns:\n  - tool_use: {name: X, input: [1]}\n", 2, "input must be a mapping");
        assertProblem("turns:\n  - tool_use: Write\n", 2, "tool_use must be a mapping");
        assertProblem(
                "turns:\n  - text: a\n    stop_reason: tool_use\n", 3, "needs a tool_use block");
        assertProblem(
                "turns:\n  - content: [{text: a}]\n    text: b\n", 3, "either 'content' or 'text'");
        assertProblem("turns:\n  - content: [{text: a, tool_use: {name: X}}]\n", 2, "one key");
        assertProblem(
                "turns:\n  - text: a\n    usage: {input_tokens: -1}\n", 3, "must not be negative");
        assertProblem("turns:\n  - text: a\n    repeat: 0\n", 3, "at least 1, or forever");
        assertProblem("turns:\n  - text: a\n    repeat: always\n", 3, "at least 1, or forever");
        assertProblem("turns:\n  - text: a\n    delay_ms: soon\n", 3, "delay_ms must be a number");
        assertProblem(
                "side_requests: maybe\nturns: []\n", 1, "side_requests must be 'detect' or 'none'");
        assertProblem("turns:\n  - text: a\n    text: b\n", 3, "written twice");
        assertProblem(
                "turns:\n  - text: a\n    repeat: forever\n  - text: b\n",
                4,
                "this turn is never reached: the turn at line 2 repeats forever");
        assertProblem("turns: []\n---\nturns: []\n", 3, "only one YAML document");
    }

    private static void assertProblem(String yaml, int line, String message) {
        RehearsalScriptException e = problem(yaml, "bad.yaml");
        assertThat(e.problem()).as(e.getMessage()).contains(message);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith("bad.yaml");
    }

    private static RehearsalScriptException problem(String yaml, String source) {
        try {
            RehearsalScript.parse(yaml, source);
        } catch (RehearsalScriptException e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    static Path projectRoot() {
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tools").resolve("claude-cli"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find the project root above " + start);
    }
}
