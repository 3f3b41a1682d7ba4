package io.github.parallelworktrees.engine.gate.report;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Cobertura XML report (Cobertura, coverage.py / pytest-cov, istanbul) as LINE and BRANCH counters.
 *
 * <p>The totals come from the root's {@code lines-covered}/{@code lines-valid} and
 * {@code branches-covered}/{@code branches-valid}: they are the writing tool's own figures, and coverage.py,
 * istanbul and Cobertura 2 all write them. Only when a pair is missing (Cobertura 1.x wrote rates alone) is that
 * metric summed from the {@code <line>} elements of each {@code <class><lines>}: hits above 0 is a covered line,
 * {@code condition-coverage="50% (1/2)"} gives covered and total branches. The {@code <line>} elements repeated
 * under {@code <methods>} are not counted, or lines would count twice.
 */
final class CoberturaReader implements Xml.Handler {

    private static final Pattern CONDITIONS = Pattern.compile("\\((\\d+)/(\\d+)\\)");

    private final Path file;
    private final Deque<String> path = new ArrayDeque<>();
    private long rootLinesCovered = -1;
    private long rootLinesValid = -1;
    private long rootBranchesCovered = -1;
    private long rootBranchesValid = -1;
    private long linesCovered;
    private long linesValid;
    private long branchesCovered;
    private long branchesValid;

    private CoberturaReader(Path file) {
        this.file = file;
    }

    static Coverage read(Path file) {
        CoberturaReader reader = new CoberturaReader(file);
        Xml.scan(file, reader);
        return new Coverage(reader.counters(), List.of(file));
    }

    @Override
    public void start(XMLStreamReader reader, int depth) {
        String name = reader.getLocalName();
        if (depth == 1) {
            rootLinesCovered = Xml.count(file, reader, "lines-covered");
            rootLinesValid = Xml.count(file, reader, "lines-valid");
            rootBranchesCovered = Xml.count(file, reader, "branches-covered");
            rootBranchesValid = Xml.count(file, reader, "branches-valid");
            checkPair(reader, rootLinesCovered, rootLinesValid, "lines");
            checkPair(reader, rootBranchesCovered, rootBranchesValid, "branches");
        } else if (name.equals("line") && isClassLine()) {
            countLine(reader);
        }
        path.push(name);
    }

    @Override
    public void end(String localName, int depth) {
        path.pop();
    }

    private Map<Metric, Counter> counters() {
        Map<Metric, Counter> counters = new EnumMap<>(Metric.class);
        counters.put(Metric.LINE, rootLinesCovered >= 0 && rootLinesValid >= 0
                ? new Counter(rootLinesCovered, rootLinesValid - rootLinesCovered)
                : new Counter(linesCovered, linesValid - linesCovered));
        counters.put(Metric.BRANCH, rootBranchesCovered >= 0 && rootBranchesValid >= 0
                ? new Counter(rootBranchesCovered, rootBranchesValid - rootBranchesCovered)
                : new Counter(branchesCovered, branchesValid - branchesCovered));
        return counters;
    }

    /** A {@code <line>} in {@code <class><lines>}: the stack holds "lines" then "class" on top. */
    private boolean isClassLine() {
        var names = path.iterator();
        return names.hasNext() && names.next().equals("lines") && names.hasNext() && names.next().equals("class");
    }

    private void countLine(XMLStreamReader reader) {
        long hits = Xml.count(file, reader, "hits");
        if (hits < 0) {
            throw Xml.error(file, reader, "<line number=\"" + Xml.attribute(reader, "number")
                    + "\"> has no hits attribute; regenerate the report");
        }
        linesValid++;
        if (hits > 0) {
            linesCovered++;
        }
        if (!Xml.attribute(reader, "branch").equals("true")) {
            return;
        }
        String conditions = Xml.attribute(reader, "condition-coverage");
        Matcher matcher = CONDITIONS.matcher(conditions);
        long covered = -1;
        long total = -1;
        if (matcher.find() && matcher.group(1).length() < 18 && matcher.group(2).length() < 18) {
            covered = Long.parseLong(matcher.group(1));
            total = Long.parseLong(matcher.group(2));
        }
        if (total < 0) {
            throw Xml.error(file, reader, "<line number=\"" + Xml.attribute(reader, "number")
                    + "\"> has condition-coverage=\"" + Xml.abbreviate(conditions, 40)
                    + "\"; expected a form like \"50% (1/2)\"");
        }
        if (covered > total) {
            throw Xml.error(file, reader, "<line number=\"" + Xml.attribute(reader, "number")
                    + "\"> covers " + covered + " of " + total + " branches; regenerate the report");
        }
        branchesCovered += covered;
        branchesValid += total;
    }

    private void checkPair(XMLStreamReader reader, long covered, long valid, String what) {
        if (covered >= 0 && valid >= 0 && covered > valid) {
            throw Xml.error(file, reader, "<coverage> has " + what + "-covered=\"" + covered + "\" above "
                    + what + "-valid=\"" + valid + "\"; regenerate the report");
        }
    }
}
