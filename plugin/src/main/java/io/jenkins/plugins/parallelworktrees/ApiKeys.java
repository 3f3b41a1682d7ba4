package io.jenkins.plugins.parallelworktrees;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import io.github.parallelworktrees.engine.ledger.RunListener;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The Anthropic API key of a run: a Secret text credential, looked up as the run's user may see it. */
final class ApiKeys {

    private ApiKeys() {
    }

    /**
     * The key in the credential {@code credentialsId} (or the global default); null when neither names one, so
     * that the agent's own environment (ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN, ...) applies.
     *
     * @throws AbortException when the credential does not exist, is not visible to the run, or is not Secret text
     */
    static String lookup(String credentialsId, Run<?, ?> run) throws AbortException {
        String id = credentialsId != null ? credentialsId : ParallelWorktreesConfiguration.get().getDefaultCredentialsId();
        if (id == null) {
            return null;
        }
        StringCredentials credentials = find(id, run);
        if (credentials == null) {
            throw new AbortException("credentials '" + id + "' were not found, are not visible to this job, or are"
                    + " not Secret text; add the API key as a Secret text credential with that id");
        }
        return credentials.getSecret().getPlainText();
    }

    /**
     * The key in the global default credential, for a step that may not need one (mergeWave calls Claude only for
     * a conflict the plan hands to a Claude resolver): null, said in the log, when this job cannot see it.
     */
    static String lookupDefault(Run<?, ?> run, RunListener log) {
        String id = ParallelWorktreesConfiguration.get().getDefaultCredentialsId();
        if (id == null) {
            return null;
        }
        StringCredentials credentials = find(id, run);
        if (credentials == null) {
            log.warning("the default credentials '" + id + "' are not visible to this job; a Claude conflict"
                    + " resolver would run with the agent's own environment (give credentialsId: to use others)");
            return null;
        }
        return credentials.getSecret().getPlainText();
    }

    private static StringCredentials find(String id, Run<?, ?> run) {
        StringCredentials credentials = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        if (credentials != null) {
            CredentialsProvider.track(run, credentials);
        }
        return credentials;
    }
}
