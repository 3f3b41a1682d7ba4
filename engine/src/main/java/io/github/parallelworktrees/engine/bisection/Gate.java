package io.github.parallelworktrees.engine.bisection;

import java.util.List;

/** Judges a round of candidates, at most the gate slots, all at once; the outcomes are in the candidates' order. */
@FunctionalInterface
public interface Gate {

    List<GateOutcome> judge(List<Candidate> round) throws InterruptedException;
}
