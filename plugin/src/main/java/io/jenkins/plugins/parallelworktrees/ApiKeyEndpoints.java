package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import java.io.IOException;
import java.util.Map;

/**
 * Where a Claude worker's requests go when Jenkins holds the API key: the real API, with the key from the
 * credential in the CLI's environment and nowhere else (not in the agent's environment, not in a file); a
 * rehearsal still goes to its scripted model, which never sees the key.
 */
final class ApiKeyEndpoints implements Rehearsals {

    private final Rehearsals rehearsals = new ScriptedRehearsals();
    private final String apiKey;

    private ApiKeyEndpoints(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The endpoints for workers of a step: with the key when there is one, else the engine's own. */
    static Rehearsals of(String apiKey) {
        return apiKey == null ? new ScriptedRehearsals() : new ApiKeyEndpoints(apiKey);
    }

    @Override
    public Endpoint start(WorkerContext context) throws IOException {
        if (context.workstream().worker().rehearsal().isPresent()) {
            return rehearsals.start(context);
        }
        return new Endpoint() {
            @Override
            public Map<String, String> environment() {
                return Map.of("ANTHROPIC_API_KEY", apiKey);
            }

            @Override
            public void close() {
            }
        };
    }
}
