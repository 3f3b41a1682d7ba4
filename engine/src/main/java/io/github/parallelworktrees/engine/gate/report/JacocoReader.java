package io.github.parallelworktrees.engine.gate.report;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JaCoCo XML report's totals: the {@code <counter>} elements that are direct children of {@code <report>}.
 * The same counters are repeated for every group, package, class, source file and method below; reading only the
 * report's own keeps anything from being counted twice. JaCoCo leaves out a counter whose total is 0 (a project
 * without branches has no BRANCH counter), so such a metric is absent.
 */
final class JacocoReader implements Xml.Handler {

    private final Path file;
    private final Map<Metric, Counter> counters = new EnumMap<>(Metric.class);

    private JacocoReader(Path file) {
        this.file = file;
    }

    static Coverage read(Path file) {
        JacocoReader reader = new JacocoReader(file);
        Xml.scan(file, reader);
        return new Coverage(reader.counters, List.of(file));
    }

    @Override
    public void start(XMLStreamReader reader, int depth) {
        if (depth != 2 || !reader.getLocalName().equals("counter")) {
            return;
        }
        String type = Xml.attribute(reader, "type");
        Optional<Metric> metric = Metric.parse(type);
        if (metric.isEmpty()) {
            return; // a counter type from a later JaCoCo: not one the gate can ask for
        }
        long missed = Xml.count(file, reader, "missed");
        long covered = Xml.count(file, reader, "covered");
        if (missed < 0 || covered < 0) {
            throw Xml.error(file, reader, "<counter type=\"" + type + "\"> needs both missed and covered"
                    + " attributes; regenerate the report with jacoco:report");
        }
        counters.merge(metric.get(), new Counter(covered, missed), Counter::plus);
    }
}
