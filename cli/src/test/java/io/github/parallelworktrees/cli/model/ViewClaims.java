package io.github.parallelworktrees.cli.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one view of the run (run.json, report.html, {@code pwt status --json}) claims: the run's status, each
 * workstream's state, and whether each landed, with the words of the view that say so.
 *
 * @param landed per workstream the view says something about; one missing here is, by this view, not landed
 * @param speaksOfLanding false for a view that gives only states and the run's status: its silence on landing
 *     is then no claim
 * @param unreadable what the harness could not find in the view (its format changed): reported, not guessed
 */
record ViewClaims(String view, Optional<String> runStatus, Map<String, String> states, Map<String, Landed> landed,
        boolean speaksOfLanding, List<String> unreadable) {

    ViewClaims {
        states = Map.copyOf(states);
        landed = Map.copyOf(landed);
        unreadable = List.copyOf(unreadable);
    }

    /** Whether the view says the workstream landed, and where it says it. */
    record Landed(boolean landed, String evidence) {
    }

    Landed landed(String workstream) {
        return landed.getOrDefault(workstream, new Landed(false, "it names no landing of " + workstream));
    }
}
