package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.remoting.VirtualChannel;
import hudson.util.FormValidation;
import io.github.parallelworktrees.engine.merge.WaveGate;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.ResultsPage;
import io.jenkins.plugins.parallelworktrees.report.WaveRow;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code mergeWave}: merges a wave's branches into the integration branch in this workspace with the engine's
 * WaveMerger (off-tree merges, conflict policies, bisection of culprits, compare-and-swap ref update), with the
 * body as the gate. Branches come from the bundles the build's claudeWorker steps archived, else from the local
 * repository, else from {@code origin}. The integration branch is pushed (push: true) only when it moved to a
 * commit whose gate passed. Returns what landed and what was left out, with reasons.
 *
 * <h2>How the body gates, under Pipeline's threading rules</h2>
 * The engine decides which candidates to gate (the whole wave, then halves while bisecting) and calls a
 * {@link WaveGate} for each one, synchronously, from inside {@code WaveMerger.merge}. start() must not block the
 * CPS VM thread, so:
 * <ol>
 * <li>start() hands the merge to a background thread (GeneralNonBlockingStepExecution.run), which runs the
 * engine on the workspace's agent with FilePath.act and waits for it;</li>
 * <li>the engine's WaveGate there is a remoting proxy ({@code VirtualChannel.export}) of a {@link BodyGate} on
 * the controller, so each judge() call comes back to the controller on a remoting thread;</li>
 * <li>that thread starts the body with newBodyInvoker() (a body started outside start() runs on this step's own
 * CPS thread, one at a time, which is exactly what sequential gate runs need), with the candidate's worktree as
 * its directory, PWT_* variables and a {@link MergeCandidate} context, and waits, off the CPS VM thread, until
 * the body's callback says it ended;</li>
 * <li>qualityGate steps in the body report their verdicts to the candidate; the judgement (body completed and
 * every gate PASSED or NOTE) returns to the engine, which bisects on or lands.</li>
 * </ol>
 * Without a body ({@code planGate: true}, what the global variable passes) the plan's own wave gate runs. A
 * restart of the controller during the merge ends the step: the integration branch only ever moved to a gated
 * commit, and running mergeWave again skips what already landed.
 *
 * <p>A conflict the plan hands to a Claude resolver ({@code merge.resolver}) is resolved with the API key of
 * {@code credentialsId} (or the global default) in the resolver CLI's environment, as claudeWorker's workers get it.
 */
public final class MergeWaveStep extends Step {

    /** The name of a racer's row ({@code <ws>-racer-<n>}, RaceSpec.racerName): its RESULTS.md may win its race. */
    /** What separates workstream names in the form's branches text (PlanValidator allows neither in a name). */
    private static final Pattern BRANCH_SEPARATORS = Pattern.compile("[\\s,]+");

    private final String plan;
    private final int wave;
    private boolean push;
    private List<String> branches;
    private boolean planGate;
    private String credentialsId;

    @DataBoundConstructor
    public MergeWaveStep(String plan, int wave) {
        this.plan = plan;
        this.wave = wave;
    }

    public String getPlan() {
        return plan;
    }

    public int getWave() {
        return wave;
    }

    public boolean isPush() {
        return push;
    }

    /** Push the integration branch to origin after it moved. */
    @DataBoundSetter
    public void setPush(boolean push) {
        this.push = push;
    }

    public List<String> getBranches() {
        return branches;
    }

    /** Merge only these workstreams' branches; default: the wave's workstreams whose workers finished. */
    @DataBoundSetter
    public void setBranches(List<String> branches) {
        this.branches = branches == null || branches.isEmpty() ? null : List.copyOf(branches);
    }

    public boolean isPlanGate() {
        return planGate;
    }

    /** Gate with the plan's wave gate instead of the body. */
    @DataBoundSetter
    public void setPlanGate(boolean planGate) {
        this.planGate = planGate;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The Secret text credential with the API key for a Claude conflict resolver; default: the global one. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FormChecks.fixEmpty(credentialsId);
    }

    /** The workstream names in the form's branches text: separated by line breaks, spaces or commas. */
    static List<String> branchNames(String text) {
        return text == null ? List.of() : BRANCH_SEPARATORS.splitAsStream(text).filter(n -> !n.isEmpty()).toList();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        UnixAgent.require(context, "mergeWave");
        return new Execution(context, this);
    }

    /**
     * The workstreams this build recorded as not done (a worker that did not finish, or a body's workstream
     * {@code skipped} for a failed dependency), with why: left out of the merge unless {@code branches} names them.
     */
    static Map<String, String> unfinished(List<WorkstreamRow> rows) {
        Map<String, String> unfinished = new LinkedHashMap<>();
        for (WorkstreamRow row : rows) {
            if (!row.isDone()) {
                unfinished.put(row.getWorkstream(), "it ended " + row.getStatus() + " in this build"
                        + (row.getReason() == null ? "" : " (" + row.getReason() + ")"));
            }
        }
        return unfinished;
    }

    /** The merge on a background thread; the body is started once per candidate, from {@link BodyGate}. */
    static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private final String plan;
        private final int wave;
        private final boolean push;
        private final ArrayList<String> branches;
        private final boolean planGate;
        private final String credentialsId;
        private volatile BodyExecution gateRun;

        Execution(StepContext context, MergeWaveStep step) {
            super(context);
            this.plan = step.plan;
            this.wave = step.wave;
            this.push = step.push;
            this.branches = step.branches == null ? null : new ArrayList<>(step.branches);
            this.planGate = step.planGate;
            this.credentialsId = step.credentialsId;
        }

        @Override
        public boolean start() {
            run(this::merge);
            return false;
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            BodyExecution running = gateRun;
            if (running != null) {
                running.cancel(cause);
            }
            super.stop(cause);
        }

        /** The engine's merge and its gate waits lived in memory: end the step, and say how to go on. */
        @Override
        public void onResume() {
            AbortException restarted = new AbortException("Jenkins restarted while wave " + wave + " was being"
                    + " merged; the integration branch only moves to a commit whose gate passed: run mergeWave"
                    + " again (branches that already landed are skipped)");
            BodyExecution running = gateRun;
            if (running != null) {
                running.cancel(restarted);
            }
            getContext().onFailure(restarted);
        }

        private void merge() throws Exception {
            StepContext context = getContext();
            EngineStepContext ctx = EngineStepContext.of(context);
            FilePath workspace = ctx.workspace();
            Run<?, ?> run = ctx.run();
            // looked up before anything is merged, so that a missing credential stops the step at once; only a
            // credential named here must exist: most waves need no resolver, so the global default is optional
            String apiKey = credentialsId != null ? ApiKeys.lookup(credentialsId, run)
                    : ApiKeys.lookupDefault(run, ctx.log(null));
            List<WorkstreamRow> rows = ParallelWorktreesAction.of(run).getWorkstreams();
            Map<String, String> unfinished = unfinished(rows);
            List<String> recorded = rows.stream().map(WorkstreamRow::getWorkstream).toList();
            FilePath bundles = WorkspacePaths.tempDir(workspace).child("pwt-bundles");
            List<String> wanted = new ArrayList<>(recorded.stream()
                    .map(ws -> ResultsPage.artifact(ws, WorkersReport.BUNDLE)).toList());
            // a racer's RESULTS.md becomes its workstream's when it wins
            rows.stream().filter(WorkstreamRow::isRacer)
                    .forEach(r -> wanted.add(ResultsPage.artifact(r.getWorkstream(), "RESULTS.md")));
            List<String> copied = Artifacts.copy(run, wanted, bundles);
            CandidateJudge judge = null;
            if (!planGate) {
                BodyGate gate = new BodyGate(this, workspace.getChannel(), context.get(EnvironmentExpander.class));
                judge = workspace.getChannel().export(CandidateJudge.class, gate);
            }
            WaveMerge.Report report = workspace.act(new WaveMerge(plan, ctx.workspaceVariable(), ctx.pipelineEnvironment(),
                    wave, branches, unfinished, push, bundles.getRemote(), copied, ParallelWorktreesConfiguration.get().workerDefaults(), judge,
                    apiKey, ctx.log(apiKey)).withRows(rows));
            ctx.keep(report.base(), report.artifacts(), a -> {
                // the races' rows first (a raced workstream's own row is made by its judgement), then the landing
                a.put(report.workstreams().stream().map(r -> r.masked(ctx::mask)).toList());
                a.put(report.row().masked(ctx::mask));
            });
            if (!report.row().getLeftOut().isEmpty()) {
                List<String> left = new ArrayList<>();
                report.row().getLeftOut().forEach((ws, why) -> left.add(ws + " (" + why + ")"));
                ctx.unstable("wave " + wave + " left out " + String.join("; ", left));
            }
            context.onSuccess(result(report.row(), ctx));
        }

        /** The step's returned map, with the step's secrets masked in its text. */
        private static Map<String, Object> result(WaveRow row, EngineStepContext ctx) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("wave", row.getWave());
            result.put("integration", row.getIntegration());
            result.put("moved", row.isMoved());
            result.put("commit", row.getAfter());
            result.put("landed", new ArrayList<>(row.getLanded()));
            Map<String, String> leftOut = new LinkedHashMap<>();
            row.getLeftOut().forEach((ws, why) -> leftOut.put(ws, ctx.mask(why)));
            result.put("leftOut", leftOut);
            result.put("gateRuns", row.getGateRuns());
            result.put("pushed", row.isPushed());
            return result;
        }
    }

    /**
     * Judges merge candidates for the engine, from the agent that runs the merge; exported over remoting, so its
     * arguments and result are plain serializable values.
     */
    public interface CandidateJudge {
        MergeCandidate.Judgement judge(String tree, String commit, int run) throws InterruptedException;

        /**
         * Judges racer {@code racer} of {@code workstream} (its branch merged onto the integration branch, checked
         * out at {@code tree}) before its race is judged: the same gate as the merge's; by default as a gate run
         * numbered 0.
         */
        default MergeCandidate.Judgement judgeRacer(String tree, String commit, String workstream, int racer)
                throws InterruptedException {
            return judge(tree, commit, 0);
        }
    }

    /** Runs the step's body on one candidate and waits for it; lives on the controller, never serialized. */
    static final class BodyGate implements CandidateJudge {

        private final Execution execution;
        private final VirtualChannel channel;
        private final EnvironmentExpander environment;

        BodyGate(Execution execution, VirtualChannel channel, EnvironmentExpander environment) {
            this.execution = execution;
            this.channel = channel;
            this.environment = environment;
        }

        @Override
        public MergeCandidate.Judgement judge(String tree, String commit, int run) throws InterruptedException {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("PWT_GATE_RUN", String.valueOf(run));
            return run(tree, commit, run, variables, "wave " + execution.wave + ", gate run " + run);
        }

        /** The body on a racer's merge: PWT_WORKSTREAM and PWT_RACER say whose, PWT_GATE_RUN is 0. */
        @Override
        public MergeCandidate.Judgement judgeRacer(String tree, String commit, String workstream, int racer)
                throws InterruptedException {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("PWT_GATE_RUN", "0");
            variables.put("PWT_WORKSTREAM", workstream);
            variables.put("PWT_RACER", String.valueOf(racer));
            return run(tree, commit, 0, variables, "wave " + execution.wave + ", race of " + workstream + ": racer "
                    + racer);
        }

        private MergeCandidate.Judgement run(String tree, String commit, int run, Map<String, String> extra,
                String name) throws InterruptedException {
            MergeCandidate candidate = MergeCandidate.open(execution.wave, run, commit);
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("PWT_WAVE", String.valueOf(execution.wave));
            variables.put("PWT_CANDIDATE", commit);
            variables.putAll(extra);
            BodyExecution body = execution.getContext().newBodyInvoker()
                    .withContexts(new FilePath(channel, tree),
                            EnvironmentExpander.merge(environment, EnvironmentExpander.constant(variables)), candidate)
                    .withDisplayName(name)
                    .withCallback(new CandidateEnded(candidate.key()))
                    .start();
            execution.gateRun = body;
            try {
                return candidate.await();
            } catch (InterruptedException e) {
                body.cancel(e);
                throw e;
            } finally {
                execution.gateRun = null;
            }
        }
    }

    /** Tells the waiting gate that the body ended. */
    private static final class CandidateEnded extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        private final String key;

        CandidateEnded(String key) {
            this.key = key;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            MergeCandidate.bodyEnded(key, null);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            MergeCandidate.bodyEnded(key, t);
        }
    }

    /** The step's name, form and validation. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mergeWave";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Merge a wave's branches into the integration branch, gated by the body";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return EngineCalls.STEP_CONTEXT;
        }

        public FormValidation doCheckPlan(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.workspacePath(value, true));
        }

        public FormValidation doCheckWave(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
        }

        /**
         * The Snippet Generator's form gives {@code branches} as the text of a textarea, which Stapler would bind to
         * a list of one element, the whole text; so the text is split into names here, as workflow-basic-steps'
         * withEnv does for its list (EnvStep.DescriptorImpl.newInstance). Scripts still pass a list.
         */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            MergeWaveStep step = (MergeWaveStep) super.newInstance(req, formData);
            if (formData.opt("branches") instanceof String text) {
                step.setBranches(branchNames(text));
            }
            return step;
        }
    }
}
