package io.github.parallelworktrees.engine.plan;

import java.util.List;

/** A plan that cannot be used, with every problem found, each as "file:line: what is wrong". */
public final class PlanException extends RuntimeException {

    private final List<String> problems;

    public PlanException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public PlanException(String problem) {
        this(List.of(problem));
    }

    /** Each problem on its own, already located ("plan.yaml:14: ..."). */
    public List<String> problems() {
        return problems;
    }
}
