package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The defaults every Parallel Worktrees step falls back on (Manage Jenkins > System > Parallel Worktrees, or
 * {@code unclassified: parallelWorktrees:} with Configuration as Code).
 */
@Extension
@Symbol("parallelWorktrees")
public class ParallelWorktreesConfiguration extends GlobalConfiguration {

    private String claudePath;
    private String defaultModel;
    private String defaultCredentialsId;
    private Double budgetUsd;
    private Integer maxParallel;

    public ParallelWorktreesConfiguration() {
        load();
    }

    /** The configuration of this Jenkins. */
    public static ParallelWorktreesConfiguration get() {
        return ExtensionList.lookupSingleton(ParallelWorktreesConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Parallel Worktrees";
    }

    public String getClaudePath() {
        return claudePath;
    }

    @DataBoundSetter
    public void setClaudePath(String claudePath) {
        this.claudePath = FormChecks.fixEmpty(claudePath);
        save();
    }

    public String getDefaultModel() {
        return defaultModel;
    }

    @DataBoundSetter
    public void setDefaultModel(String defaultModel) {
        this.defaultModel = FormChecks.fixEmpty(defaultModel);
        save();
    }

    public String getDefaultCredentialsId() {
        return defaultCredentialsId;
    }

    @DataBoundSetter
    public void setDefaultCredentialsId(String defaultCredentialsId) {
        this.defaultCredentialsId = FormChecks.fixEmpty(defaultCredentialsId);
        save();
    }

    public Double getBudgetUsd() {
        return budgetUsd;
    }

    @DataBoundSetter
    public void setBudgetUsd(Double budgetUsd) {
        this.budgetUsd = budgetUsd;
        save();
    }

    public Integer getMaxParallel() {
        return maxParallel;
    }

    @DataBoundSetter
    public void setMaxParallel(Integer maxParallel) {
        this.maxParallel = maxParallel;
        save();
    }

    /** What the engine is told about the workers of every plan. */
    WorkerDefaults workerDefaults() {
        return new WorkerDefaults(claudePath, defaultModel, budgetUsd);
    }

    public FormValidation doCheckBudgetUsd(@QueryParameter String value) {
        return FormChecks.toValidation(FormChecks.positiveNumber(value));
    }

    public FormValidation doCheckMaxParallel(@QueryParameter String value) {
        return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
    }
}
