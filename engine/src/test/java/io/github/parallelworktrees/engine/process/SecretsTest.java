package io.github.parallelworktrees.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets are masked in the forms tools print them: as they are, shell-quoted, JSON-escaped and in base64. */
class SecretsTest {

    private static final String KEY = "sk-ant-api03-abc'def\"ghi";

    @Test
    void everyFormOfTheKeyIsMaskedWhole() {
        Secrets secrets = Secrets.of(List.of(KEY));
        String b64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));

        assertThat(secrets.mask("key=" + KEY)).isEqualTo("key=****");
        // as sh -x or an agent's tool call quotes it: the quoted form goes whole, quotes and all
        assertThat(secrets.mask("+ curl -H 'x-api-key: ' 'sk-ant-api03-abc'\\''def\"ghi'")).isEqualTo(
                "+ curl -H 'x-api-key: ' ****");
        assertThat(secrets.mask("{\"output\":\"sk-ant-api03-abc'def\\\"ghi\"}")).isEqualTo("{\"output\":\"****\"}");
        assertThat(secrets.mask("encoded " + b64)).isEqualTo("encoded ****");
        assertThat(secrets.mask("nothing here")).isEqualTo("nothing here");
    }

    @Test
    void theValuesOfKnownCredentialVariablesAreSecretsAndOthersAreNot() {
        Environment env = Environment.of(Map.of("ANTHROPIC_API_KEY", "sk-ant-one", "CLAUDE_CODE_OAUTH_TOKEN",
                "oauth-two", "GH_TOKEN", "ghp_three", "PATH", "/usr/bin"));

        Secrets secrets = Secrets.in(env, List.of("given-four"));

        assertThat(secrets.mask("sk-ant-one oauth-two ghp_three given-four /usr/bin")).isEqualTo(
                "**** **** **** **** /usr/bin");
        assertThat(Secrets.VARIABLES).contains("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void blankAndTinyValuesMaskNothingRatherThanEveryLine() {
        Secrets secrets = Secrets.of(Arrays.asList(null, "", " ", "1"));

        assertThat(secrets.isEmpty()).isTrue();
        assertThat(secrets.mask("1 2 3")).isEqualTo("1 2 3");
    }

    @Test
    void aSecretInsideALongerOneIsMaskedAsTheLongerOne() {
        Secrets secrets = Secrets.of(List.of("token-abc", "token-abc-extended"));

        assertThat(secrets.mask("token-abc-extended and token-abc")).isEqualTo("**** and ****");
    }
}
