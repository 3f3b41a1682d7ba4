package io.jenkins.plugins.parallelworktrees;

import hudson.util.FormValidation;
import java.util.Optional;

/**
 * The checks behind the descriptors' {@code doCheckX} form validation, as plain functions of the field's text
 * (what is wrong, or empty), so that they are tested without a running Jenkins. An empty optional field is fine.
 */
final class FormChecks {

    private FormChecks() {
    }

    /** A path relative to the workspace that stays inside it. */
    static Optional<String> workspacePath(String value, boolean required) {
        if (isBlank(value)) {
            return required ? Optional.of("Required: a path relative to the workspace") : Optional.empty();
        }
        return WorkspacePaths.problem(value).map(p -> "'" + value.strip() + "' " + p);
    }

    /**
     * parallelWorktrees' {@code plan}: the plan to run, required unless {@code spec} names a spec to plan first
     * (the plan then goes there, or beside the spec when it is empty).
     */
    static Optional<String> planOrSpec(String plan, String spec) {
        if (isBlank(plan) && isBlank(spec)) {
            return Optional.of("Required: the plan file to run, relative to the workspace, unless a spec is given to"
                    + " plan first");
        }
        return workspacePath(plan, false);
    }

    /** parallelWorktrees' {@code spec}: a path in the workspace, and not the file the plan is written to. */
    static Optional<String> spec(String spec, String plan) {
        Optional<String> problem = workspacePath(spec, false);
        if (problem.isPresent() || isBlank(spec) || isBlank(plan)) {
            return problem;
        }
        return normalized(spec).equals(normalized(plan))
                ? Optional.of("'" + spec.strip() + "' is also the plan file; the plan needs a file of its own"
                        + " (leave plan empty for the default beside the spec: <spec name>.plan.yaml)")
                : Optional.empty();
    }

    /** A command planner's command line, required for type {@code command} and not taken by Claude. */
    static Optional<String> plannerRun(String run, String type) {
        boolean command = PlannerDefinition.Type.parse(type).orElse(PlannerDefinition.Type.CLAUDE)
                == PlannerDefinition.Type.COMMAND;
        if (command && isBlank(run)) {
            return Optional.of("Required for a command planner: the command that writes the plan to $PWT_PLAN_OUT");
        }
        if (!command && !isBlank(run)) {
            return Optional.of("Only a command planner runs a command; a Claude planner takes a model");
        }
        return Optional.empty();
    }

    private static String normalized(String path) {
        return java.nio.file.Path.of(path.strip().replace('\\', '/')).normalize().toString();
    }

    /** A whole number of at least {@code min}. */
    static Optional<String> wholeNumber(String value, int min) {
        if (isBlank(value)) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n >= min ? Optional.empty() : Optional.of("Must be at least " + min + ", got " + n);
        } catch (NumberFormatException e) {
            return Optional.of("Not a whole number: '" + value.strip() + "'");
        }
    }

    /** A number more than 0 (an amount of money, of minutes). */
    static Optional<String> positiveNumber(String value) {
        if (isBlank(value)) {
            return Optional.empty();
        }
        Optional<Double> number = number(value);
        if (number.isEmpty()) {
            return Optional.of("Not a number: '" + value.strip() + "'");
        }
        return number.get() > 0 ? Optional.empty() : Optional.of("Must be more than 0, got " + value.strip());
    }

    /** A percentage from 0 to 100. */
    static Optional<String> percentage(String value) {
        Optional<Double> number = number(value);
        if (number.isEmpty()) {
            return Optional.of("Not a number: '" + (value == null ? "" : value.strip()) + "'");
        }
        double n = number.get();
        return n >= 0 && n <= 100 ? Optional.empty() : Optional.of("A percentage runs from 0 to 100, got "
                + value.strip());
    }

    /** The problem as Jenkins shows it under the field. */
    static FormValidation toValidation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    private static Optional<Double> number(String value) {
        if (isBlank(value)) {
            return Optional.empty();
        }
        try {
            double n = Double.parseDouble(value.strip());
            return Double.isFinite(n) ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code value} stripped, or null when it is blank (an empty form field means "not set"). */
    static String fixEmpty(String value) {
        return isBlank(value) ? null : value.strip();
    }
}
