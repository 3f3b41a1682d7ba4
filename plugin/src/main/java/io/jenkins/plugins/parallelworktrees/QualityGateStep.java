package io.jenkins.plugins.parallelworktrees;

import com.fasterxml.jackson.core.type.TypeReference;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.gate.Gate;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.GateSpec;
import io.github.parallelworktrees.engine.gate.GateStatus;
import io.github.parallelworktrees.engine.gate.QualityGate;
import io.github.parallelworktrees.engine.gate.Verdict;
import io.github.parallelworktrees.engine.gate.VerdictReport;
import io.github.parallelworktrees.engine.ledger.Json;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code qualityGate}: the engine's quality gate on JUnit, JaCoCo, Cobertura and LCOV reports next to the
 * workspace; the verdict marks the step and the build as {@link StepOutcome} describes, is archived as
 * {@code gates/<node>/gate.json}, and is returned as a map ({@code status}: PASSED, NOTE, UNSTABLE, ERROR, FAILED
 * or INACTIVE, with each gate's figures). Inside a mergeWave body it judges the merge candidate instead: the
 * verdict goes to the merge, and the build result is left alone.
 */
public final class QualityGateStep extends Step {

    /** The criticality of a gate that names none, when the step names none either. */
    static final String DEFAULT_CRITICALITY = Criticality.UNSTABLE.name();

    private String dir = ".";
    private String junit;
    private String coverage;
    private String baseline;
    private List<GateDefinition> gates = List.of();
    private String criticality = DEFAULT_CRITICALITY;
    private boolean allowEmpty;

    @DataBoundConstructor
    public QualityGateStep() {
    }

    public String getDir() {
        return dir;
    }

    /** The directory the globs are relative to; default the current directory. */
    @DataBoundSetter
    public void setDir(String dir) {
        this.dir = FormChecks.isBlank(dir) ? "." : dir.strip();
    }

    public String getJunit() {
        return junit;
    }

    @DataBoundSetter
    public void setJunit(String junit) {
        this.junit = FormChecks.fixEmpty(junit);
    }

    public String getCoverage() {
        return coverage;
    }

    @DataBoundSetter
    public void setCoverage(String coverage) {
        this.coverage = FormChecks.fixEmpty(coverage);
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = FormChecks.fixEmpty(baseline);
    }

    public List<GateDefinition> getGates() {
        return gates;
    }

    @DataBoundSetter
    public void setGates(List<GateDefinition> gates) {
        this.gates = gates == null ? List.of() : List.copyOf(gates);
    }

    public String getCriticality() {
        return criticality;
    }

    /** The criticality of a gate that names none; default UNSTABLE. */
    @DataBoundSetter
    public void setCriticality(String criticality) {
        this.criticality = FormChecks.isBlank(criticality) ? DEFAULT_CRITICALITY : criticality.strip();
    }

    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    @DataBoundSetter
    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * The engine's gate specification of the step's parameters. Globs are comma-separated lists, as in the junit
     * step; a JUnit glob without a FAILED_TESTS gate means "no failed tests", as in a plan's wave gate.
     *
     * @throws GateException naming the parameter that is wrong
     */
    static GateSpec spec(String junit, String coverage, String baseline, boolean allowEmpty,
            List<GateDefinition> gates, String criticality) {
        Criticality fallback = GateDefinition.criticality(criticality);
        List<Gate> list = new ArrayList<>();
        for (GateDefinition gate : gates) {
            list.add(gate.toGate(fallback));
        }
        List<String> junitGlobs = globs(junit);
        if (!junitGlobs.isEmpty() && list.stream().noneMatch(g -> g instanceof Gate.MaxFailures)) {
            list.add(0, new Gate.MaxFailures(0, fallback));
        }
        if (list.isEmpty()) {
            throw new GateException("the qualityGate checks nothing: give junit: (no failed tests), or gates:"
                    + " [[type: 'LINE', threshold: 60.0]] with coverage:");
        }
        return new GateSpec(junitGlobs, globs(coverage), Optional.ofNullable(baseline), allowEmpty, list);
    }

    private static List<String> globs(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Runs the gate next to the workspace; short enough not to need resuming after a restart. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient QualityGateStep step;

        Execution(StepContext context, QualityGateStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            FilePath cwd = context.get(FilePath.class);
            TaskListener listener = context.get(TaskListener.class);
            Run<?, ?> run = context.get(Run.class);
            FlowNode node = context.get(FlowNode.class);
            MergeCandidate candidate = context.get(MergeCandidate.class);
            FilePath out = WorkspacePaths.tempDir(cwd).child("pwt-gate-" + node.getId());
            GateReport report;
            try {
                EnvVars env = context.get(EnvVars.class);
                report = cwd.act(new Evaluate(step, env.get("WORKSPACE"), PipelineEnvironment.of(env),
                        out.getRemote()));
            } catch (AbortException e) {
                if (candidate != null) {
                    candidate.report(new MergeCandidate.Verdict(GateStatus.ERROR, List.of(e.getMessage()), true));
                }
                throw e;
            }
            String gateMd = "gates/" + node.getId() + "/gate.md";
            Artifacts.archive(run, out, context.get(Launcher.class), listener,
                    Map.of("gates/" + node.getId() + "/gate.json", "gate.json", gateMd, "gate.md"));
            listener.getLogger().print(report.markdown());
            String message = "quality gate " + report.status().name() + (report.failures().isEmpty() ? ""
                    : ": " + String.join("; ", report.failures()));
            if (candidate != null) {
                candidate.report(new MergeCandidate.Verdict(report.status(), report.failures(), false, gateMd));
                listener.getLogger().println("[pwt] " + message + " (judging wave " + candidate.wave()
                        + " candidate " + candidate.commit().substring(0, Math.min(12, candidate.commit().length()))
                        + "; the merge decides, the build result is left alone)");
            } else {
                StepOutcome.of(report.status()).apply(node, run, listener, message);
            }
            Map<String, Object> result = Json.MAPPER.readValue(report.json(),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            result.put("status", report.status().name());
            return result;
        }
    }

    /** A verdict, as it comes back from the agent. */
    record GateReport(GateStatus status, List<String> failures, String json, String markdown)
            implements Serializable {
    }

    /** Evaluates the gate on the agent that holds the directory. */
    static final class Evaluate extends MasterToSlaveFileCallable<GateReport> {

        private static final long serialVersionUID = 1L;
        /** A gate's commands (none from this step) would get this long; reports are read in seconds. */
        private static final Duration COMMAND_TIMEOUT = Duration.ofHours(1);

        private final String dir;
        private final String junit;
        private final String coverage;
        private final String baseline;
        private final boolean allowEmpty;
        private final ArrayList<GateDefinition> gates;
        private final String criticality;
        private final String workspace;
        private final PipelineEnvironment environment;
        private final String out;

        /** @param environment the Pipeline's, for any process a gate starts */
        Evaluate(QualityGateStep step, String workspace, PipelineEnvironment environment, String out) {
            this.dir = step.dir;
            this.junit = step.junit;
            this.coverage = step.coverage;
            this.baseline = step.baseline;
            this.allowEmpty = step.allowEmpty;
            this.gates = new ArrayList<>(step.gates);
            this.criticality = step.criticality;
            this.workspace = workspace;
            this.environment = environment;
            this.out = out;
        }

        @Override
        public GateReport invoke(File f, VirtualChannel channel) throws IOException, InterruptedException {
            return EngineCalls.call(() -> {
                Path cwd = f.toPath().toRealPath();
                Path root = WorkspacePaths.root(cwd, workspace);
                Path gateDir = WorkspacePaths.resolve(root, cwd, dir, "dir");
                String base = baseline == null ? null
                        : WorkspacePaths.resolve(root, gateDir, baseline, "baseline").toString();
                GateSpec spec = spec(junit, coverage, base, allowEmpty, gates, criticality);
                Path output = Path.of(out);
                Files.createDirectories(output);
                Verdict verdict = new QualityGate(environment.onThisAgent(), COMMAND_TIMEOUT)
                        .evaluate(spec, gateDir, output);
                VerdictReport.write(verdict, output);
                return new GateReport(verdict.status(), verdict.failures(), VerdictReport.toJson(verdict).toString(),
                        VerdictReport.markdown(verdict));
            });
        }
    }

    /** The step's name, form and validation. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "qualityGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Judge test and coverage reports against quality gates";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return EngineCalls.STEP_CONTEXT;
        }

        public FormValidation doCheckDir(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.workspacePath(value, false));
        }

        public FormValidation doCheckBaseline(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.workspacePath(value, false));
        }

        /**
         * The criticalities, the step's default selected. The Snippet Generator renders a step's form with no
         * instance (workflow-cps Snippetizer/block.jelly sets {@code instance} to null), so jenkins' f:select
         * (lib/form/select.jelly) starts from its {@code default} attribute, and select.js, filling the list from
         * here, keeps an option the server marked {@code selected}, else the option equal to that value, else the
         * browser shows the first one; the snippet then holds what is shown. Without either, NOTE (first) was
         * shown and every generated snippet said {@code criticality: 'NOTE'}. config.jelly gives the same default.
         */
        public ListBoxModel doFillCriticalityItems() {
            ListBoxModel items = new ListBoxModel();
            for (Criticality c : Criticality.values()) {
                items.add(new ListBoxModel.Option(c.name(), c.name(), c.name().equals(DEFAULT_CRITICALITY)));
            }
            return items;
        }
    }
}
