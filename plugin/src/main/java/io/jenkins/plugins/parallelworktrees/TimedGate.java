package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.merge.WaveGate;
import io.jenkins.plugins.parallelworktrees.report.GateRunRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * A mergeWave's gate, timed: when each gate run started and ended, for the build page's timeline. The same for the
 * step's body (a remote call to the controller) and the plan's own gate, which may judge a round's candidates at
 * once (so it says {@link #concurrent()} as the gate it times does). Lives on the agent for one merge; never
 * serialized.
 */
final class TimedGate implements WaveGate {

    private record Times(Instant from, Instant to) {
    }

    private final WaveGate gate;
    private final Map<Integer, Times> runs = new ConcurrentHashMap<>();

    TimedGate(WaveGate gate) {
        this.gate = gate;
    }

    @Override
    public Judgement judge(Path tree, String commit, int run) throws InterruptedException {
        Instant from = Instant.now();
        Judgement judgement = gate.judge(tree, commit, run);
        runs.put(run, new Times(from, Instant.now()));
        return judgement;
    }

    @Override
    public boolean concurrent() {
        return gate.concurrent();
    }

    /**
     * The merge's gate runs with their times; a run this gate never judged (a candidate that did not even merge)
     * has none.
     *
     * @param reports the archive paths of the gate.md files that judged a run, by its number
     */
    List<GateRunRow> rows(WaveResult result, IntFunction<List<String>> reports) {
        List<GateRunRow> rows = new ArrayList<>();
        for (WaveResult.GateRun run : result.gateRuns()) {
            Times times = runs.get(run.number());
            rows.add(GateRunRow.of(run, times == null ? null : times.from(), times == null ? null : times.to(),
                    reports.apply(run.number())));
        }
        return rows;
    }
}
