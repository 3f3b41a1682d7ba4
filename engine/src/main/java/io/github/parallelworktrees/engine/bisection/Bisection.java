package io.github.parallelworktrees.engine.bisection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lands a batch of branches through a gate, naming the ones that break it: the batch is judged whole first; when it
 * fails, candidates chosen by {@link SplitPolicy} are judged on top of what has landed until every item has either
 * landed (in a candidate that passed) or been convicted (the only item of a failed candidate not known to pass).
 *
 * <p>With more than one gate slot, each round also judges, at once, the candidates that would come next if the
 * earlier ones of the round failed (a failure lands nothing, so they stand on the same commit). When an earlier one
 * passes instead, those later ones are wasted: the price of fewer rounds, as in the speculative merge queues.
 */
public final class Bisection {

    private final Gate gate;
    private final int slots;

    /** A suspect group: items of which at least one breaks the gate, and the failed candidate that says so. */
    private record Group(List<String> items, Candidate failed) {
    }

    private final List<String> landed = new ArrayList<>();
    private final List<Outcome.Culprit> culprits = new ArrayList<>();
    private List<Group> groups = new ArrayList<>();
    private List<String> untested = new ArrayList<>();
    /** The merge order: every candidate lists its items in it (dependencies before their dependents). */
    private List<String> order = List.of();
    private int gateRuns;
    private int rounds;

    private Bisection(Gate gate, int slots) {
        this.gate = gate;
        this.slots = slots;
    }

    /**
     * Lands what of {@code items} (in merge order) passes the gate.
     *
     * @param slots how many candidates the gate may judge at once (1 or more)
     */
    public static Outcome run(List<String> items, int slots, Gate gate) throws InterruptedException {
        if (slots < 1) {
            throw new IllegalArgumentException("gate slots must be at least 1, got " + slots);
        }
        return new Bisection(gate, slots).land(List.copyOf(items));
    }

    private Outcome land(List<String> items) throws InterruptedException {
        if (items.isEmpty()) {
            return outcome(List.of());
        }
        order = items;
        SplitPolicy policy = SplitPolicy.forBatch(items.size(), slots);
        Candidate whole = new Candidate(landed, items);
        // with spare slots, the first round already splits the batch on the guess that it fails
        groups = new ArrayList<>(List.of(new Group(items, whole)));
        List<Shape.Choice> guesses = items.size() > 1 ? policy.besideTheBatch() : List.of();
        List<Candidate> round = new ArrayList<>();
        round.add(whole);
        round.addAll(candidates(guesses));
        List<GateOutcome> judged = judge(round);
        if (judged.get(0) == GateOutcome.COULD_NOT_RUN) {
            return outcome(items);
        }
        if (judged.get(0) == GateOutcome.PASSED) {
            landed.addAll(items);
            return outcome(List.of());
        }
        settle();
        List<String> unjudged = apply(round.subList(1, round.size()), guesses, judged.subList(1, judged.size()));
        while (unjudged.isEmpty() && !(groups.isEmpty() && untested.isEmpty())) {
            guesses = policy.next(shape(culprits.size()), rounds);
            round = candidates(guesses);
            unjudged = apply(round, guesses, judge(round));
        }
        return outcome(unjudged);
    }

    /** The candidates of {@code choices}, each for the shape the failures of those before it leave. */
    private List<Candidate> candidates(List<Shape.Choice> choices) {
        List<Group> savedGroups = groups;
        List<String> savedUntested = untested;
        List<Candidate> round = new ArrayList<>();
        for (Shape.Choice choice : choices) {
            Candidate candidate = new Candidate(landed, itemsOf(choice));
            round.add(candidate);
            failed(choice, candidate, new ArrayList<>());
        }
        groups = savedGroups;
        untested = savedUntested;
        return round;
    }

    /**
     * Applies a round's outcomes in order: each candidate was chosen for the shape the failures before it left, so
     * the first pass ends what the round can tell. Returns the items left unjudged when the gate could not run.
     */
    private List<String> apply(List<Candidate> round, List<Shape.Choice> choices, List<GateOutcome> outcomes) {
        for (int i = 0; i < round.size(); i++) {
            GateOutcome outcome = outcomes.get(i);
            if (outcome == GateOutcome.COULD_NOT_RUN) {
                List<String> rest = new ArrayList<>(untested);
                groups.forEach(g -> rest.addAll(g.items()));
                rest.sort(Comparator.naturalOrder());
                return rest;
            }
            if (outcome == GateOutcome.PASSED) {
                passed(choices.get(i), round.get(i));
                return List.of();
            }
            failed(choices.get(i), round.get(i), culprits);
        }
        return List.of();
    }

    private void passed(Shape.Choice choice, Candidate candidate) {
        landed.addAll(candidate.items());
        if (choice.group() < 0) {
            untested = new ArrayList<>(untested.subList(choice.size(), untested.size()));
        } else {
            List<Group> next = new ArrayList<>(groups);
            Group g = ordered().get(choice.group());
            next.set(next.indexOf(g), new Group(g.items().subList(choice.size(), g.items().size()), g.failed()));
            groups = next;
        }
        settle(culprits);
    }

    /** The candidate failed: it becomes a suspect group; the rest of the group it came from is untested again. */
    private void failed(Shape.Choice choice, Candidate candidate, List<Outcome.Culprit> convicted) {
        List<Group> next = new ArrayList<>(groups);
        List<String> nextUntested = new ArrayList<>(untested);
        if (choice.group() < 0) {
            nextUntested = new ArrayList<>(untested.subList(choice.size(), untested.size()));
        } else {
            Group g = ordered().get(choice.group());
            next.remove(g);
            nextUntested.addAll(g.items().subList(choice.size(), g.items().size()));
            nextUntested.sort(Comparator.comparingInt(order::indexOf));
        }
        next.add(new Group(candidate.items(), candidate));
        groups = next;
        untested = nextUntested;
        settle(convicted);
    }

    private void settle() {
        settle(culprits);
    }

    /** A group of one item is a culprit: every other item of the candidate that failed with it has passed. */
    private void settle(List<Outcome.Culprit> convicted) {
        List<Group> next = new ArrayList<>();
        for (Group g : groups) {
            if (g.items().size() == 1) {
                convicted.add(new Outcome.Culprit(g.items().get(0), g.failed()));
            } else {
                next.add(g);
            }
        }
        groups = next;
    }

    /** The groups smallest first, as the shape numbers them (ties in the order they were formed). */
    private List<Group> ordered() {
        List<Group> ordered = new ArrayList<>(groups);
        ordered.sort(Comparator.comparingInt(g -> g.items().size()));
        return ordered;
    }

    private Shape shape(int found) {
        return new Shape(groups.stream().mapToInt(g -> g.items().size()).toArray(), untested.size(), found);
    }

    private List<String> itemsOf(Shape.Choice choice) {
        List<String> from = choice.group() < 0 ? untested : ordered().get(choice.group()).items();
        return from.subList(0, choice.size());
    }

    private List<GateOutcome> judge(List<Candidate> round) throws InterruptedException {
        List<GateOutcome> outcomes = gate.judge(List.copyOf(round));
        if (outcomes.size() != round.size()) {
            throw new IllegalStateException("the gate judged " + outcomes.size() + " of " + round.size()
                    + " candidates");
        }
        gateRuns += round.size();
        rounds++;
        return outcomes;
    }

    private Outcome outcome(List<String> unjudged) {
        return new Outcome(landed, culprits, unjudged, gateRuns, rounds);
    }
}
