package io.github.parallelworktrees.engine.bisection;

import java.util.Arrays;

/**
 * What is known of a failed batch, up to the names of its items: the sizes of the suspect groups (each holds at
 * least one culprit; disjoint), the number of untested items and the number of culprits found. Items of one group
 * are interchangeable, so the best next candidate depends on this shape alone.
 */
record Shape(int[] groups, int untested, int found) {

    Shape {
        groups = groups.clone();
        Arrays.sort(groups);
    }

    boolean done() {
        return groups.length == 0 && untested == 0;
    }

    /** A group of one item is a culprit found; it leaves the shape. */
    Shape settled() {
        int ones = (int) Arrays.stream(groups).filter(g -> g == 1).count();
        return ones == 0 ? this : new Shape(Arrays.stream(groups).filter(g -> g > 1).toArray(), untested, found + ones);
    }

    /** The shape after {@code choice}'s candidate passed (its items landed). */
    Shape afterPass(Choice choice) {
        if (choice.group() < 0) {
            return new Shape(groups, untested - choice.size(), found).settled();
        }
        int[] next = groups.clone();
        next[choice.group()] -= choice.size();
        return new Shape(next, untested, found).settled();
    }

    /**
     * The shape after {@code choice}'s candidate failed: it becomes a suspect group; the rest of the group it was
     * taken from becomes untested (the failure is explained without them).
     */
    Shape afterFail(Choice choice) {
        int[] next = Arrays.copyOf(groups, groups.length + 1);
        next[groups.length] = choice.size();
        if (choice.group() < 0) {
            return new Shape(next, untested - choice.size(), found).settled();
        }
        int rest = groups[choice.group()] - choice.size();
        next[choice.group()] = next[groups.length];
        return new Shape(Arrays.copyOf(next, groups.length), untested + rest, found).settled();
    }

    String key() {
        return Arrays.toString(groups) + "/" + untested + "/" + found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(groups, s.groups) && untested == s.untested && found == s.found;
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return key();
    }

    /**
     * The next candidate: the first {@code size} items of the {@code group}-th smallest suspect group, or of the
     * untested items when {@code group} is -1.
     */
    record Choice(int group, int size) {
    }
}
