package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code claudeWorker}: one workstream's worker in this workspace, run by the engine (worktree, TASKS.md, the
 * Claude Code CLI, RESULTS.md, sessions.json), its files archived under {@code workers/<ws>/} and its branch
 * carried to later stages as {@code branch.bundle} (or pushed). Inside a parallelWorktrees body it needs no
 * arguments: PWT_WORKSTREAM and PWT_PLAN name the workstream. Returns a map of the workstream's outcome.
 */
public final class ClaudeWorkerStep extends Step {

    /** Permission modes the engine accepts (plan mode never finishes headless, so it is not offered). */
    static final List<String> PERMISSION_MODES = List.of("acceptEdits", "bypassPermissions", "dontAsk", "auto",
            "default");

    private String workstream;
    private String plan;
    private String feature;
    private String prompt;
    private String model;
    private Integer maxTurns;
    private Integer timeoutMinutes;
    private Double budgetUsd;
    private String permissionMode;
    private String credentialsId;
    private boolean push;
    private String rehearsal;

    @DataBoundConstructor
    public ClaudeWorkerStep() {
    }

    public String getWorkstream() {
        return workstream;
    }

    /** The workstream to run; default PWT_WORKSTREAM. */
    @DataBoundSetter
    public void setWorkstream(String workstream) {
        this.workstream = FormChecks.fixEmpty(workstream);
    }

    public String getPlan() {
        return plan;
    }

    /** The plan file; default PWT_PLAN. Without either, the step's own parameters make a one-workstream plan. */
    @DataBoundSetter
    public void setPlan(String plan) {
        this.plan = FormChecks.fixEmpty(plan);
    }

    public String getFeature() {
        return feature;
    }

    /** The branch prefix of a worker without a plan (its branch is {@code <feature>/<workstream>}). */
    @DataBoundSetter
    public void setFeature(String feature) {
        this.feature = FormChecks.fixEmpty(feature);
    }

    public String getPrompt() {
        return prompt;
    }

    @DataBoundSetter
    public void setPrompt(String prompt) {
        this.prompt = FormChecks.fixEmpty(prompt);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = FormChecks.fixEmpty(model);
    }

    public Integer getMaxTurns() {
        return maxTurns;
    }

    @DataBoundSetter
    public void setMaxTurns(Integer maxTurns) {
        this.maxTurns = maxTurns;
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

    public boolean isPush() {
        return push;
    }

    @DataBoundSetter
    public void setPush(boolean push) {
        this.push = push;
    }

    public String getRehearsal() {
        return rehearsal;
    }

    @DataBoundSetter
    public void setRehearsal(String rehearsal) {
        this.rehearsal = FormChecks.fixEmpty(rehearsal);
    }

    /** The step's worker parameters, as the plan's worker keys, to override the plan's. */
    LinkedHashMap<String, Object> workerOverrides() {
        LinkedHashMap<String, Object> worker = new LinkedHashMap<>();
        put(worker, "model", model);
        put(worker, "maxTurns", maxTurns);
        put(worker, "timeoutMinutes", timeoutMinutes);
        put(worker, "budgetUsd", budgetUsd);
        put(worker, "permissionMode", permissionMode);
        put(worker, "rehearsal", rehearsal);
        return worker;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        UnixAgent.require(context, "claudeWorker");
        return new Execution(context, this);
    }

    /**
     * Runs on a background thread. After a controller restart it runs the worker again: the engine finds the
     * workstream's Claude session in sessions.json and continues it ({@code claude --resume <id>}), stopping a
     * CLI the interrupted attempt left running.
     */
    static final class Execution extends ResumableExecution {

        private static final long serialVersionUID = 1L;

        private final String workstream;
        private final String plan;
        private final String feature;
        private final String prompt;
        private final LinkedHashMap<String, Object> worker;
        private final String credentialsId;
        private final boolean push;

        Execution(StepContext context, ClaudeWorkerStep step) {
            super(context);
            this.workstream = step.workstream;
            this.plan = step.plan;
            this.feature = step.feature;
            this.prompt = step.prompt;
            this.worker = step.workerOverrides();
            this.credentialsId = step.credentialsId;
            this.push = step.push;
        }

        @Override
        protected void work() throws Exception {
            StepContext context = getContext();
            EngineStepContext ctx = EngineStepContext.of(context);
            EnvVars env = ctx.env();
            String name = workstream != null ? workstream : env.get("PWT_WORKSTREAM");
            // a workstream and a prompt without a plan is a worker of its own; anything else is the body's plan
            String planPath = plan != null ? plan : workstream != null && prompt != null ? null : env.get("PWT_PLAN");
            if (name == null) {
                throw new AbortException("claudeWorker needs a workstream: run it inside a parallelWorktrees body,"
                        + " or give workstream: (with plan: or prompt:)");
            }
            if (planPath == null && prompt == null) {
                throw new AbortException("claudeWorker(workstream: '" + name + "') has neither a plan nor a prompt:"
                        + " give plan: 'specs/plan.yaml', or prompt: '...'");
            }
            // inside a racer's body, the racer of the body's workstream (docs/racing.md); its rows, slot and files
            // go by the racer's name
            int racer = racerOf(env, workstream, planPath);
            String slot = racer == 0 ? name : RaceSpec.racerName(name, racer);
            Run<?, ?> run = ctx.run();
            ParallelWorktreesAction action = ParallelWorktreesAction.of(run);
            WorkerSlots.Ticket ticket = context.get(WorkerSlots.Ticket.class);
            if (ticket != null && !ticket.workstream().equals(slot)) {
                ticket = null; // a worker for another workstream does not use this body's slot
            }
            if (ticket != null) {
                // a dependency's outcome as this build recorded it (an earlier wave's, or after a restart, since the
                // slot pool lives in memory)
                Optional<String> skip = ticket.slots().acquire(ticket, dep -> recordedOutcome(action, dep));
                if (skip.isPresent()) {
                    ticket.slots().ended(slot, WorkerStatus.SKIPPED.id());
                    WorkstreamRow row = racer == 0 ? skipped(slot, env, skip.get())
                            : skipped(slot, env, skip.get()).asRacerOf(name);
                    action.put(List.of(row));
                    run.save();
                    ctx.unstable("workstream '" + slot + "' skipped: " + skip.get());
                    context.onSuccess(result(row, ctx::mask));
                    return;
                }
            }
            String outcome = WorkerStatus.FAILED.id();
            // the build's page draws it running until its row comes (or the step fails)
            action.started(slot, wave(env), Instant.now(), racer == 0 ? null : name);
            try {
                ParallelWorktreesConfiguration config = ParallelWorktreesConfiguration.get();
                String apiKey = ApiKeys.lookup(credentialsId, run);
                // the branches it may build on, made on other agents (its dependencies', the integration branch),
                // copied into a directory of this execution's own: bodies sharing the workspace copy at once
                FilePath carried = WorkspacePaths.tempDir(ctx.workspace()).child("pwt-carried")
                        .child(slot + "-" + UUID.randomUUID());
                List<String> copied = planPath == null ? List.of()
                        : Artifacts.copy(run, CarriedBranches.artifacts(action, name), carried);
                WorkersReport report = ctx.workspace().act(new RunWorker(name, racer, planPath, ctx.workspaceVariable(),
                        ctx.pipelineEnvironment(), feature, prompt, worker, push, carried.getRemote(), copied,
                        config.workerDefaults(), apiKey, ctx.log(apiKey)));
                ctx.keep(report.base(), report.artifacts(), a -> a.put(report.rows().stream()
                        .map(r -> r.masked(ctx::mask)).toList()));
                outcome = report.outcomes().getOrDefault(slot, outcome);
                WorkstreamRow row = report.rows().stream().filter(r -> r.getWorkstream().equals(slot)).findFirst()
                        .orElseThrow(() -> new AbortException("the run has no record of workstream '" + slot + "'"));
                String ended = "workstream '" + slot + "' ended " + row.getStatus()
                        + (row.getReason() == null ? "" : ": " + row.getReason());
                if (!row.isDone() && racer == 0) {
                    ctx.unstable(ended);
                } else if (!row.isDone()) {
                    // one racer that did not finish does not make the build unstable: its race may still have a
                    // winner, and mergeWave marks the build when it has none
                    ctx.log(null).info(ended + " (it cannot win its race; mergeWave judges the race)");
                }
                Map<String, Object> result = result(row, ctx::mask);
                if (racer > 0) {
                    result.put("workstream", name);
                    result.put("racer", racer);
                }
                context.onSuccess(result);
            } finally {
                action.ended(slot);
                if (ticket != null) {
                    ticket.slots().release(slot, outcome);
                }
            }
        }

        /** The body's wave (WorkstreamEnvironment's PWT_WAVE), 0 outside a parallelWorktrees body. */
        static int wave(EnvVars env) {
            String wave = env.get("PWT_WAVE");
            return wave != null && wave.matches("\\d{1,9}") ? Integer.parseInt(wave) : 0;
        }

        /**
         * The row of a workstream that never got a worker because a dependency did not finish. It is recorded like
         * a worker's row, so that every view of the build says {@code skipped}: the Parallel Worktrees page, the
         * outcome parallelWorktrees returns (ResultHandler reads the row), the step's own map, and mergeWave, which
         * leaves out the workstreams whose row is not done (it reads only these rows: WaveMerger takes a wave's
         * branches as they are, and a branch an earlier night left would otherwise be merged). Its branch and wave
         * are the body's (WorkstreamEnvironment).
         */
        static WorkstreamRow skipped(String name, EnvVars env, String why) {
            WorkerRecord record = WorkerRecord.pending(name, env.get("PWT_BRANCH"), wave(env))
                    .withStatus(WorkerStatus.SKIPPED, why);
            return WorkstreamRow.of(record, Optional.empty(), false);
        }

        /**
         * The racer this step runs: PWT_RACER, inside a racer's body, when the step runs the body's workstream of a
         * plan ({@link WorkstreamBodies}); 0 otherwise.
         *
         * @param workstream the step's own workstream parameter, if given
         * @param plan the plan the step runs with, if any
         */
        static int racerOf(EnvVars env, String workstream, String plan) throws AbortException {
            String value = env.get("PWT_RACER");
            if (value == null || plan == null
                    || workstream != null && !workstream.equals(env.get("PWT_WORKSTREAM"))) {
                return 0;
            }
            if (!value.matches("[1-9][0-9]?")) {
                throw new AbortException("PWT_RACER must be the number of a racer (1, 2, ...), got '" + value + "'");
            }
            return Integer.parseInt(value);
        }

        /**
         * A dependency's outcome as this build recorded it (an earlier wave's, or after a restart, since the slot
         * pool lives in memory): its row's, or {@link WorkerSlots#RACED} for a raced workstream whose racers have
         * rows and that has none of its own yet (mergeWave, which judges its race, adds it).
         */
        static Optional<String> recordedOutcome(ParallelWorktreesAction action, String dep) {
            return action.outcomeOf(dep).or(() -> action.statusOf(RaceSpec.racerName(dep, 1))
                    .map(racer -> WorkerSlots.RACED));
        }

        /** The step's returned map, with {@code mask} (the step's secrets) applied to its text. */
        static Map<String, Object> result(WorkstreamRow row, UnaryOperator<String> mask) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workstream", row.getWorkstream());
            result.put("branch", row.getBranch());
            result.put("status", row.getStatus());
            if (row.getReason() != null) {
                result.put("reason", mask.apply(row.getReason()));
            }
            result.put("turns", row.getTurns());
            result.put("costUsd", row.getCostUsd());
            result.put("commits", row.getCommits());
            result.put("filesChanged", row.getFilesChanged());
            return result;
        }
    }

    /** The step's name, form and validation. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "claudeWorker";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run one workstream's Claude Code worker";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return EngineCalls.STEP_CONTEXT;
        }

        public FormValidation doCheckPlan(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.workspacePath(value, false));
        }

        public FormValidation doCheckRehearsal(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.workspacePath(value, false));
        }

        public FormValidation doCheckMaxTurns(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
        }

        public FormValidation doCheckBudgetUsd(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.positiveNumber(value));
        }

        public ListBoxModel doFillPermissionModeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("");
            PERMISSION_MODES.forEach(items::add);
            return items;
        }
    }
}
