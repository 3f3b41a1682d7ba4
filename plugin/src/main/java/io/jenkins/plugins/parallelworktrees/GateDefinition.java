package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.gate.Gate;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.GateSpecs;
import io.github.parallelworktrees.engine.gate.report.Metric;
import io.github.parallelworktrees.engine.plan.Suggestions;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One gate of a qualityGate step, {@code [type: 'LINE', threshold: 60.0, criticality: 'UNSTABLE']} (or
 * {@code gate(type: 'LINE', threshold: 60.0)}), and its meaning as an engine {@link Gate}.
 */
public final class GateDefinition extends AbstractDescribableImpl<GateDefinition> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a gate measures, and in what unit its threshold is. */
    public enum Type {
        /** Line coverage, at least {@code threshold} percent. */
        LINE,
        /** Branch coverage, at least {@code threshold} percent. */
        BRANCH,
        /** Instruction coverage, at least {@code threshold} percent. */
        INSTRUCTION,
        /** Method coverage, at least {@code threshold} percent. */
        METHOD,
        /** At most {@code threshold} failed tests (failures plus errors). */
        FAILED_TESTS,
        /** At least {@code threshold} tests ran. */
        MIN_TESTS,
        /** At most {@code threshold} skipped tests. */
        SKIPPED_TESTS,
        /** Line coverage fell by at most {@code threshold} points against the baseline report. */
        LINE_DROP;

        boolean isPercentage() {
            return this != FAILED_TESTS && this != MIN_TESTS && this != SKIPPED_TESTS;
        }

        static Optional<Type> parse(String text) {
            return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(text == null ? "" : text.strip()))
                    .findFirst();
        }

        static List<String> names() {
            return Arrays.stream(values()).map(Type::name).toList();
        }
    }

    private final String type;
    private final double threshold;
    private String criticality;

    @DataBoundConstructor
    public GateDefinition(String type, double threshold) {
        this.type = type;
        this.threshold = threshold;
    }

    public String getType() {
        return type;
    }

    public double getThreshold() {
        return threshold;
    }

    public String getCriticality() {
        return criticality;
    }

    /** NOTE, UNSTABLE, ERROR or FAILURE; default: the step's criticality. */
    @DataBoundSetter
    public void setCriticality(String criticality) {
        this.criticality = FormChecks.fixEmpty(criticality);
    }

    /**
     * The engine's gate.
     *
     * @param fallback the criticality when this gate names none
     * @throws GateException naming the gate's type, threshold or criticality when one is wrong
     */
    Gate toGate(Criticality fallback) {
        Type t = Type.parse(type).orElseThrow(() -> new GateException("gate type '" + type + "' is unknown"
                + Suggestions.didYouMean(type == null ? "" : type.toUpperCase(Locale.ROOT), Type.names())
                + "; use one of " + String.join(", ", Type.names())));
        Criticality c = criticality == null ? fallback : criticality(criticality);
        String name = "the " + t.name() + " gate's threshold";
        return switch (t) {
            case LINE, BRANCH, INSTRUCTION, METHOD -> new Gate.MinCoverage(Metric.valueOf(t.name()),
                    GateSpecs.checkPercent(name, threshold), c);
            case LINE_DROP -> new Gate.CoverageDelta(Metric.LINE, GateSpecs.checkPercent(name, threshold), c);
            case FAILED_TESTS -> new Gate.MaxFailures(GateSpecs.checkCount(name, count(name)), c);
            case MIN_TESTS -> new Gate.MinTests(GateSpecs.checkCount(name, count(name)), c);
            case SKIPPED_TESTS -> new Gate.MaxSkipped(GateSpecs.checkCount(name, count(name)), c);
        };
    }

    /** A count threshold must be a whole number: 0.5 failed tests is a typo, not a bound. */
    private int count(String name) {
        if (threshold != Math.rint(threshold) || Math.abs(threshold) > Integer.MAX_VALUE) {
            throw new GateException(name + " must be a whole number, got " + threshold);
        }
        return (int) threshold;
    }

    /** A criticality by name, in any case. */
    static Criticality criticality(String text) {
        return Criticality.parse(text).orElseThrow(() -> new GateException("criticality '" + text
                + "' is unknown; use NOTE, UNSTABLE, ERROR or FAILURE"));
    }

    /** The gate's name in the Snippet Generator, its form and validation; {@code gate} in Pipeline. */
    @Extension
    @Symbol("gate")
    public static final class DescriptorImpl extends Descriptor<GateDefinition> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Quality gate";
        }

        public ListBoxModel doFillTypeItems() {
            ListBoxModel items = new ListBoxModel();
            Type.names().forEach(items::add);
            return items;
        }

        /**
         * The criticalities, after the empty choice, selected: the step's criticality (the Snippet Generator then
         * writes no {@code criticality} for the gate). Selected explicitly for the reason QualityGateStep's
         * doFillCriticalityItems gives.
         */
        public ListBoxModel doFillCriticalityItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(new ListBoxModel.Option("(the step's criticality)", "", true));
            Arrays.stream(Criticality.values()).map(Criticality::name).forEach(items::add);
            return items;
        }

        public FormValidation doCheckThreshold(@QueryParameter String value, @QueryParameter String type) {
            boolean percentage = Type.parse(type).map(Type::isPercentage).orElse(true);
            return FormChecks.toValidation(percentage ? FormChecks.percentage(value)
                    : FormChecks.wholeNumber(value, 0));
        }
    }
}
