package io.github.parallelworktrees.engine.claude;

import io.github.parallelworktrees.engine.worker.WorkerContext;
import java.io.IOException;
import java.util.Map;

/** Where a Claude worker's API requests go: the real API, or a scripted model for a rehearsal. */
public interface Rehearsals {

    /** The API endpoint for one worker, open while it runs. */
    interface Endpoint extends AutoCloseable {

        /** Variables that point the CLI at this endpoint (none for the real API). */
        Map<String, String> environment();

        /** Inherited variables the CLI must not see here (real credentials during a rehearsal). */
        default java.util.Set<String> unset() {
            return java.util.Set.of();
        }

        @Override
        void close();
    }

    /** Starts the endpoint for the worker: a scripted model when its spec names a rehearsal script. */
    Endpoint start(WorkerContext context) throws IOException;

    /** The real API, with the credentials of the environment passed through untouched. */
    Endpoint REAL_API = new Endpoint() {
        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    };
}
