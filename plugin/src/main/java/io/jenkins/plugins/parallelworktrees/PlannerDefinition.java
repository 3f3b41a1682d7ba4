package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.parallelworktrees.engine.plan.Suggestions;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The planner of {@code parallelWorktrees(spec: ...)}: {@code planner: [model: 'opus', attempts: 5]} for Claude
 * Code (the default), {@code planner: [type: 'command', run: './scripts/plan.sh']} for a command of your own. Its
 * keys are the plan's worker keys ({@code type}, {@code run}, {@code model}, ...) and {@code pwt plan}'s options
 * ({@code attempts}, {@code workstreams}, {@code force}); a key not given takes the global configuration's value
 * (model, credentials, Claude Code CLI, budget cap), else {@code pwt plan}'s default.
 *
 * <p>A plain map works because the step's {@code planner} is of this concrete class: structs' DescribableModel.coerce
 * instantiates a Map given for such a parameter as the parameter's class (resolveClass returns the declared class
 * when the map names no {@code $class} and the class is not abstract), and the Snippet Generator writes the same map
 * back (DescribableParameter.uncoerce sets no {@code $class} when the value's class is the declared one, and the
 * class has no @Symbol).
 */
public final class PlannerDefinition extends AbstractDescribableImpl<PlannerDefinition> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** As {@code pwt plan --attempts}. */
    static final int DEFAULT_ATTEMPTS = 3;
    /** As {@code pwt plan --timeout-minutes}, per attempt. */
    static final int DEFAULT_TIMEOUT_MINUTES = 30;

    /** Who plans: the plan's worker types. */
    public enum Type {
        /** The Claude Code CLI, resumed with the validation errors (the same session). */
        CLAUDE,
        /** A command run with {@code sh -c} in the repository, again with PWT_PLAN_ERRORS. */
        COMMAND;

        static Optional<Type> parse(String text) {
            return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(text == null ? "" : text.strip()))
                    .findFirst();
        }
    }

    private String type;
    private String run;
    private String model;
    private Integer attempts;
    private Integer workstreams;
    private Integer timeoutMinutes;
    private Double budgetUsd;
    private String permissionMode;
    private String credentialsId;
    private String rehearsal;
    private boolean force;

    @DataBoundConstructor
    public PlannerDefinition() {
    }

    public String getType() {
        return type;
    }

    /** {@code claude} (default) or {@code command}. */
    @DataBoundSetter
    public void setType(String type) {
        this.type = FormChecks.fixEmpty(type);
    }

    public String getRun() {
        return run;
    }

    /** The command planner's command line. */
    @DataBoundSetter
    public void setRun(String run) {
        this.run = FormChecks.fixEmpty(run);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = FormChecks.fixEmpty(model);
    }

    public Integer getAttempts() {
        return attempts;
    }

    /** Plans the planner may write until one is valid. */
    @DataBoundSetter
    public void setAttempts(Integer attempts) {
        this.attempts = attempts;
    }

    public Integer getWorkstreams() {
        return workstreams;
    }

    /** Exactly this many workstreams; default: the planner decides. */
    @DataBoundSetter
    public void setWorkstreams(Integer workstreams) {
        this.workstreams = workstreams;
    }

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public Double getBudgetUsd() {
        return budgetUsd;
    }

    @DataBoundSetter
    public void setBudgetUsd(Double budgetUsd) {
        this.budgetUsd = budgetUsd;
    }

    public String getPermissionMode() {
        return permissionMode;
    }

    @DataBoundSetter
    public void setPermissionMode(String permissionMode) {
        this.permissionMode = FormChecks.fixEmpty(permissionMode);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FormChecks.fixEmpty(credentialsId);
    }

    public String getRehearsal() {
        return rehearsal;
    }

    @DataBoundSetter
    public void setRehearsal(String rehearsal) {
        this.rehearsal = FormChecks.fixEmpty(rehearsal);
    }

    public boolean isForce() {
        return force;
    }

    /** Replace a file at {@code plan} that no earlier planning wrote (a copy is kept in the records). */
    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    /** The planner's type; claude unless {@code type} says command. */
    Type typeOrDefault() {
        return Type.parse(type).orElse(Type.CLAUDE);
    }

    boolean isClaude() {
        return typeOrDefault() == Type.CLAUDE;
    }

    int attemptsOrDefault() {
        return attempts != null ? attempts : DEFAULT_ATTEMPTS;
    }

    /**
     * What is wrong with these options, each naming the key and what to do; empty when nothing is. Checked when the
     * step starts, before anything runs, as {@code pwt plan} checks its options.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (type != null && Type.parse(type).isEmpty()) {
            problems.add("planner type '" + type + "' is unknown" + Suggestions.didYouMean(type.toLowerCase(
                    Locale.ROOT), List.of("claude", "command")) + "; use claude (the default) or command");
        }
        if (typeOrDefault() == Type.COMMAND) {
            if (run == null) {
                problems.add("planner: [type: 'command'] needs run: the command that writes the plan to"
                        + " $PWT_PLAN_OUT (run with sh -c in the repository)");
            }
            for (String claudeOnly : claudeOnlyKeysGiven()) {
                problems.add("planner " + claudeOnly + " is for a Claude planner; a command planner takes run");
            }
        } else if (run != null) {
            problems.add("planner run is for type: 'command'; a Claude planner takes model (or give type: 'command')");
        }
        FormChecks.wholeNumber(asText(attempts), 1).ifPresent(p -> problems.add("planner attempts: " + p));
        FormChecks.wholeNumber(asText(workstreams), 1).ifPresent(p -> problems.add("planner workstreams: " + p));
        FormChecks.wholeNumber(asText(timeoutMinutes), 1).ifPresent(p -> problems.add("planner timeoutMinutes: "
                + p));
        FormChecks.positiveNumber(asText(budgetUsd)).ifPresent(p -> problems.add("planner budgetUsd: " + p));
        if (permissionMode != null && !ClaudeWorkerStep.PERMISSION_MODES.contains(permissionMode)) {
            problems.add("planner permissionMode '" + permissionMode + "' is unknown; use one of "
                    + String.join(", ", ClaudeWorkerStep.PERMISSION_MODES));
        }
        if (rehearsal != null) {
            FormChecks.workspacePath(rehearsal, false).ifPresent(p -> problems.add("planner rehearsal " + p));
        }
        return problems;
    }

    private List<String> claudeOnlyKeysGiven() {
        List<String> keys = new ArrayList<>();
        if (model != null) {
            keys.add("model");
        }
        if (permissionMode != null) {
            keys.add("permissionMode");
        }
        if (credentialsId != null) {
            keys.add("credentialsId");
        }
        if (rehearsal != null) {
            keys.add("rehearsal");
        }
        if (budgetUsd != null) {
            keys.add("budgetUsd");
        }
        return keys;
    }

    /**
     * The engine's worker spec of this planner, with the global configuration where these options say nothing, as
     * {@code pwt plan} makes it from its options.
     *
     * @param rehearsalPath the rehearsal script's absolute path on the agent, when there is one
     */
    WorkerSpec workerSpec(WorkerDefaults defaults, Optional<String> rehearsalPath) {
        WorkerType worker = isClaude() ? WorkerType.CLAUDE : WorkerType.COMMAND;
        String planModel = model != null ? model : defaults.model() != null ? defaults.model() : "sonnet";
        // the global budget caps every run's spend, the planner's too: its attempts' cap is at most that
        Double budget = budgetUsd;
        if (defaults.budgetUsd() != null) {
            budget = budget == null ? defaults.budgetUsd() : Double.valueOf(Math.min(budget, defaults.budgetUsd()));
        }
        return new WorkerSpec(worker, planModel, Optional.empty(),
                Duration.ofMinutes(timeoutMinutes != null ? timeoutMinutes : DEFAULT_TIMEOUT_MINUTES),
                permissionMode != null ? permissionMode : "acceptEdits",
                isClaude() ? Optional.ofNullable(budget) : Optional.empty(),
                defaults.claudePath() != null ? defaults.claudePath() : "claude", Optional.ofNullable(run),
                rehearsalPath, List.of(), 2, Duration.ofSeconds(10));
    }

    private static String asText(Number n) {
        return n == null ? null : String.valueOf(n);
    }

    /** The planner's options in the Snippet Generator (under parallelWorktrees' spec), their form and validation. */
    @Extension
    public static final class DescriptorImpl extends Descriptor<PlannerDefinition> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Planner";
        }

        /**
         * The default first, with the empty value: a select sends the value of the option shown, and structs'
         * DescribableModel.uninstantiate2 keeps every value that differs from a new instance's (whose type is null),
         * so an option "claude" would make the Snippet Generator write {@code planner: [type: 'claude']} for the
         * default. Then each type by name.
         */
        public ListBoxModel doFillTypeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(new ListBoxModel.Option("claude (the default)", "", true));
            Arrays.stream(Type.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).forEach(items::add);
            return items;
        }

        public ListBoxModel doFillPermissionModeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("");
            ClaudeWorkerStep.PERMISSION_MODES.forEach(items::add);
            return items;
        }

        public FormValidation doCheckRun(@QueryParameter String value, @QueryParameter String type) {
            return FormChecks.toValidation(FormChecks.plannerRun(value, type));
        }

        public FormValidation doCheckAttempts(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
        }

        public FormValidation doCheckWorkstreams(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
        }

        public FormValidation doCheckBudgetUsd(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.positiveNumber(value));
        }

        public FormValidation doCheckRehearsal(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.workspacePath(value, false));
        }
    }
}
