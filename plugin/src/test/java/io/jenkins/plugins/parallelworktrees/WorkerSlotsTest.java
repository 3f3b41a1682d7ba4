package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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

    /** A ticket of this test's pool, all equally urgent, in the order made. */
    private WorkerSlots.Ticket ticket(int maxParallel, String workstream, List<String> dependsOn) {
        return new WorkerSlots.Ticket(pool, maxParallel, workstream, dependsOn, List.of(), 1, made++);
    }

    private int made;

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
        WorkerSlots.Ticket a = ticket(1, "a", List.of());
        WorkerSlots.Ticket b = ticket(1, "b", List.of());

        assertThat(acquire(a).get(5, TimeUnit.SECONDS)).isEmpty();
        CompletableFuture<Optional<String>> second = acquire(b);
        assertThat(waits(second)).isTrue();

        a.slots().release("a", "done");

        assertThat(second.get(5, TimeUnit.SECONDS)).isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void aWorkerWaitsForItsDependencyToEndDone() throws Exception {
        WorkerSlots.Ticket core = ticket(2, "core", List.of());
        WorkerSlots.Ticket api = ticket(2, "api", List.of("core"));
        assertThat(acquire(core).get(5, TimeUnit.SECONDS)).isEmpty();

        CompletableFuture<Optional<String>> dependent = acquire(api);
        assertThat(waits(dependent)).isTrue();
        core.slots().release("core", "done");

        assertThat(dependent.get(5, TimeUnit.SECONDS)).isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void aWorkerWhoseDependencyFailedDoesNotStart() throws Exception {
        WorkerSlots.Ticket api = ticket(2, "api", List.of("core"));
        CompletableFuture<Optional<String>> dependent = acquire(api);

        api.slots().ended("core", "failed");

        assertThat(dependent.get(5, TimeUnit.SECONDS)).contains("dependency 'core' ended failed");
        WorkerSlots.forget(pool);
    }

    @Test
    void aDependencyRecordedBeforeARestartCounts() throws Exception {
        WorkerSlots.Ticket api = ticket(1, "api", List.of("core"));

        Optional<String> skip = api.slots().acquire(api, dep -> dep.equals("core") ? Optional.of("done")
                : Optional.empty());

        assertThat(skip).isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void aFreedSlotGoesToTheWorkerOnTheLongestChainFirst() throws Exception {
        WorkerSlots.Ticket first = ticket(1, "first", List.of());
        assertThat(acquire(first).get(5, TimeUnit.SECONDS)).isEmpty();
        // asked first, but nothing depends on it
        WorkerSlots.Ticket leaf = new WorkerSlots.Ticket(pool, 1, "leaf", List.of(), List.of(), 1, 1);
        CompletableFuture<Optional<String>> leafWaits = acquire(leaf);
        assertThat(waits(leafWaits)).isTrue();
        // asked later, and two more workstreams wait for it
        WorkerSlots.Ticket chain = new WorkerSlots.Ticket(pool, 1, "chain", List.of(), List.of(), 3, 2);
        CompletableFuture<Optional<String>> chainWaits = acquire(chain);
        TestRepo.awaitTrue("both wait", Duration.ofSeconds(5), () -> first.slots().waiting() == 2);

        first.slots().release("first", "done");

        assertThat(chainWaits.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(waits(leafWaits)).as("the less urgent worker still waits for a slot").isTrue();
        chain.slots().release("chain", "done");
        assertThat(leafWaits.get(5, TimeUnit.SECONDS)).isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void aMoreUrgentWorkerStillWaitingForItsDependencyDoesNotHoldBackOneThatCanStart() throws Exception {
        WorkerSlots.Ticket urgent = new WorkerSlots.Ticket(pool, 1, "urgent", List.of("core"), List.of(), 5, 0);
        CompletableFuture<Optional<String>> urgentWaits = acquire(urgent);
        TestRepo.awaitTrue("the urgent worker waits", Duration.ofSeconds(5), () -> urgent.slots().waiting() == 1);
        WorkerSlots.Ticket other = new WorkerSlots.Ticket(pool, 1, "other", List.of(), List.of(), 1, 1);

        assertThat(acquire(other).get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(waits(urgentWaits)).isTrue();
        urgent.slots().ended("core", "failed");
        assertThat(urgentWaits.get(5, TimeUnit.SECONDS)).contains("dependency 'core' ended failed");
        WorkerSlots.forget(pool);
    }

    @Test
    void aDependencyOfAnEarlierWaveMustHaveLandedEarlierInTheBuild() throws Exception {
        WorkerSlots.Ticket api = new WorkerSlots.Ticket(pool, 2, "api", List.of(), List.of("core"), 1, 0);
        WorkerSlots.Ticket ui = new WorkerSlots.Ticket(pool, 2, "ui", List.of(), List.of("design"), 1, 1);
        WorkerSlots.Ticket docs = new WorkerSlots.Ticket(pool, 2, "docs", List.of(), List.of("notes"), 1, 2);
        WorkerSlots.Ticket cli = new WorkerSlots.Ticket(pool, 2, "cli", List.of(), List.of("args"), 1, 3);
        Function<String, Optional<String>> recorded = dep -> switch (dep) {
            case "core" -> Optional.of("landed");
            case "design" -> Optional.of("done but was left out of its wave's merge (tests failed)");
            case "args" -> Optional.of("done");
            default -> Optional.empty();
        };

        assertThat(api.slots().acquire(api, recorded)).isEmpty();
        assertThat(ui.slots().acquire(ui, recorded))
                .contains("dependency 'design' ended done but was left out of its wave's merge (tests failed)");
        assertThat(docs.slots().acquire(docs, recorded)).hasValueSatisfying(why -> assertThat(why)
                .contains("dependency 'notes' has not run in this build", "its wave's parallelWorktrees first"));
        assertThat(cli.slots().acquire(cli, recorded))
                .contains("dependency 'args' is done but not merged: run its wave's mergeWave before this wave's"
                        + " workers");
        WorkerSlots.forget(pool);
    }

    @Test
    void aDependencyInTheSameStepThatLandedAlreadyCounts() throws Exception {
        WorkerSlots.Ticket api = ticket(1, "api", List.of("core"));

        assertThat(api.slots().acquire(api, dep -> Optional.of("landed"))).isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void eachRacerIsOneWorkerAgainstMaxParallel() throws Exception {
        WorkerSlots.Ticket first = ticket(2, "auth-racer-1", List.of());
        WorkerSlots.Ticket second = ticket(2, "auth-racer-2", List.of());
        WorkerSlots.Ticket third = ticket(2, "auth-racer-3", List.of());
        assertThat(acquire(first).get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(acquire(second).get(5, TimeUnit.SECONDS)).isEmpty();

        CompletableFuture<Optional<String>> waiting = acquire(third);
        assertThat(waits(waiting)).as("two racers hold the two slots").isTrue();
        first.slots().release("auth-racer-1", "failed");

        assertThat(waiting.get(5, TimeUnit.SECONDS)).as("a racer that failed does not end its race").isEmpty();
        WorkerSlots.forget(pool);
    }

    @Test
    void aWorkerWaitsForARaceToBeJudgedNotForItsRacers() throws Exception {
        WorkerSlots.Ticket api = ticket(2, "api", List.of("auth"));
        CompletableFuture<Optional<String>> dependent = acquire(api);

        api.slots().ended("auth-racer-1", "done");
        assertThat(waits(dependent)).as("a racer's end is not its workstream's").isTrue();
        api.slots().ended("auth", WorkerSlots.RACED);

        assertThat(dependent.get(5, TimeUnit.SECONDS)).hasValueSatisfying(why -> assertThat(why)
                .contains("dependency 'auth' is raced and its race was not judged", "mergeWave"));
        WorkerSlots.forget(pool);
    }

    @Test
    void aRacedDependencyOfAnEarlierWaveMustHaveBeenJudgedAndLanded() throws Exception {
        WorkerSlots.Ticket api = new WorkerSlots.Ticket(pool, 2, "api", List.of(), List.of("auth"), 1, 0);
        WorkerSlots.Ticket ui = new WorkerSlots.Ticket(pool, 2, "ui", List.of(), List.of("auth"), 1, 1);

        assertThat(api.slots().acquire(api, dep -> Optional.of(WorkerSlots.RACED))).hasValueSatisfying(
                why -> assertThat(why).contains("dependency 'auth' is raced and its race was not judged: run its"
                        + " wave's mergeWave"));
        assertThat(ui.slots().acquire(ui, dep -> Optional.of("landed"))).isEmpty();
        WorkerSlots.forget(pool);
    }
}
