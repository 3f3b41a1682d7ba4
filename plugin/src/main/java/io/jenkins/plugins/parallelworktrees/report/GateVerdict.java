package io.jenkins.plugins.parallelworktrees.report;

/**
 * The gate column of a workstream: the verdict on its branch, why, and the archive path of the gate.md that says so
 * (the page links the verdict to it).
 */
public final class GateVerdict {

    private final String verdict;
    private final String why;
    private final String report;
    private final String which;

    GateVerdict(String verdict, String why, String report, String which) {
        this.verdict = verdict;
        this.why = why;
        this.report = report;
        this.which = which;
    }

    /** passed, failed, unstable, ...; "-" when no gate judged the branch. */
    public String getVerdict() {
        return verdict;
    }

    /** Why it did not pass, or null. */
    public String getWhy() {
        return why;
    }

    /** The gate.md among the build's artifacts ({@code waves/1/merge-1/gate-2/gate.md}), or null: not archived. */
    public String getReport() {
        return report;
    }

    /** Which gate run it was ("wave 1, merge 1, gate run 2", "the gate on its branch"), or null. */
    public String getWhich() {
        return which;
    }
}
