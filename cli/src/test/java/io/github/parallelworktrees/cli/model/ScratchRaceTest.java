package io.github.parallelworktrees.cli.model;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScratchRaceTest {
    @Test
    void look() throws Exception {
        ThrowawayProject p = ThrowawayProject.create(Duration.ZERO, "queue", true);
        p.keep();
        p.setBroken("beta", true);
        System.out.println("DIR " + p.dir());
        System.out.println("RUN " + p.pwt("run").describe());
        System.out.println("INV " + Invariants.check(p));
        System.out.println("CLEANUP " + p.pwt("cleanup", "--archive").describe());
        System.out.println("INV " + Invariants.check(p));
        System.out.println("FIX " + p.fixByHand("beta-racer-1"));
        System.out.println("INV " + Invariants.check(p));
        KilledRun k = KilledRun.of(p, "run", KilledRun.Signal.TERM, 1081);
        System.out.println("KILLED " + k.describe());
        System.out.println("INV " + Invariants.check(p));
        System.out.println("STATUS " + p.pwt("status").out());
        System.out.println("STATUSJSON " + p.pwt("status", "--json").out());
    }
}
