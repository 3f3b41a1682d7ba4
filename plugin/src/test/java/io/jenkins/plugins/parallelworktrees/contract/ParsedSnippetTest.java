package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The calls of a snippet as a step receives them: named arguments, positional ones, a trailing body. */
class ParsedSnippetTest {

    private static ParsedSnippet parse(String groovy) throws ParsedSnippet.SnippetSyntaxError {
        return ParsedSnippet.parse(new Snippet(0, groovy));
    }

    @Test
    void namedArgumentsAndAMapLiteralBothReachTheStepAsNamedArguments() throws Exception {
        List<ParsedSnippet.Call> calls = parse("mergeWave(plan: 'p.yaml', wave: 1)\nmergeWave([plan: 'p.yaml'])\n")
                .calls();

        assertThat(calls).extracting(c -> c.namedArguments().size()).containsExactly(2, 1);
        assertThat(calls).allSatisfy(c -> assertThat(c.positional()).isEmpty());
    }

    @Test
    void aTrailingClosureIsTheBodyAndOtherArgumentsArePositional() throws Exception {
        ParsedSnippet.Call call = parse("parallelWorktrees('p.yaml') { echo 'x' }").calls().get(0);

        assertThat(call.hasBody()).isTrue();
        assertThat(call.positional()).hasSize(1);
        assertThat(call.namedArguments()).isEmpty();
    }

    @Test
    void callsInsideClosuresMethodsAndClassesAreFoundInLineOrder() throws Exception {
        ParsedSnippet parsed = parse("""
                class Helper { def run(steps) { steps.sh('x') } }
                def notify(String text) { echo text }
                node {
                  stage('a') { qualityGate(junit: 'x.xml') }
                }
                """);

        assertThat(parsed.calls()).extracting(ParsedSnippet.Call::name)
                .containsExactly("sh", "echo", "node", "stage", "qualityGate");
        assertThat(parsed.calls()).filteredOn(c -> c.name().equals("sh"))
                .singleElement().satisfies(c -> assertThat(c.implicitThis()).isFalse());
        assertThat(parsed.localMethods()).containsExactly("notify");
    }

    @Test
    void aSyntaxErrorCarriesItsLineInTheSnippet() {
        assertThatThrownBy(() -> parse("echo 'a'\necho 'b'\ndef outcomes = = 1\n"))
                .isInstanceOfSatisfying(ParsedSnippet.SnippetSyntaxError.class,
                        e -> assertThat(e.line).isEqualTo(3));
    }

    @Test
    void aSnippetThatDoesNotParseHasNoCalls() {
        assertThat(ParsedSnippet.calls(new Snippet(0, "node {\n  echo 'a'\n"))).isEmpty();
    }
}
