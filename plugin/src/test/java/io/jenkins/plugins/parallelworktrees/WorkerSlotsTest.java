package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Bodies' workers wait for a slot and for their dependencies. */
class WorkerSlotsTest {

    private final String pool = UUID.randomUUID().toString();

    private CompletableFuture<Optional<String>> acquire(WorkerSlots.Ticket ticket) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ticket.slots().acquire(ticket, dep -> Optional.empty());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> boolean waits(CompletableFuture<T> future) throws Exception {
        try {
            future.get(300, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }

    @Test
    void noMoreThanMaxParallelWorkersHoldASlot() throws Exception {
        WorkerSlots.Ticket a = new WorkerSlots.Ticket(pool, 1, "a", List.of());
        WorkerSlots.Ticket b = new WorkerSlots.Ticket(pool, 1, "b", List.of());

        assertThat(acquire(a).get(5, TimeUnit.SECONDS)).isEmpty();
        CompletableFuture<Optional<String>> second = acquire(b);
        assertThat(waits(second)).isTrue();

        a.slots().release("a", "done");

        assertThat(second.get(5, TimeUnit.SECONDS)).isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void aWorkerWaitsForItsDependencyToEndDone() throws Exception {
        WorkerSlots.Ticket core = new WorkerSlots.Ticket(pool, 2, "core", List.of());
        WorkerSlots.Ticket api = new WorkerSlots.Ticket(pool, 2, "api", List.of("core"));
        assertThat(acquire(core).get(5, TimeUnit.SECONDS)).isEmpty();

        CompletableFuture<Optional<String>> dependent = acquire(api);
        assertThat(waits(dependent)).isTrue();
        core.slots().release("core", "done");

        assertThat(dependent.get(5, TimeUnit.SECONDS)).isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void aWorkerWhoseDependencyFailedDoesNotStart() throws Exception {
        WorkerSlots.Ticket api = new WorkerSlots.Ticket(pool, 2, "api", List.of("core"));
        CompletableFuture<Optional<String>> dependent = acquire(api);

        api.slots().ended("core", "failed");

        assertThat(dependent.get(5, TimeUnit.SECONDS)).contains("dependency 'core' ended failed");
        WorkerSlots.forget(pool);
    }

    @Test
    void aDependencyRecordedBeforeARestartCounts() throws Exception {
        WorkerSlots.Ticket api = new WorkerSlots.Ticket(pool, 1, "api", List.of("core"));

        Optional<String> skip = api.slots().acquire(api, dep -> dep.equals("core") ? Optional.of("done")
                : Optional.empty());

        assertThat(skip).isEmpty();
        WorkerSlots.forget(pool);
    }
}
