package io.github.parallelworktrees.engine.gate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportValuesTest {

    @Test
    void metricParsesAnyCaseAndRefusesUnknownNames() {
        assertThat(Metric.parse("line")).contains(Metric.LINE);
        assertThat(Metric.parse(" Branch ")).contains(Metric.BRANCH);
        assertThat(Metric.parse("COMPLEXITY")).contains(Metric.COMPLEXITY);
        assertThat(Metric.parse("lines")).isEmpty();
        assertThat(Metric.parse(null)).isEmpty();
    }

    @Test
    void counterPercentIsEmptyWithNothingToCover() {
        assertThat(new Counter(3, 1).percent()).hasValue(75.0);
        assertThat(new Counter(0, 0).percent()).isEmpty();
        assertThat(new Counter(3, 1).plus(new Counter(1, 5))).isEqualTo(new Counter(4, 6));
        assertThat(new Counter(4, 6).total()).isEqualTo(10);
        assertThatThrownBy(() -> new Counter(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coverageIsAnImmutableCopy() {
        Map<Metric, Counter> counters = new EnumMap<>(Metric.class);
        counters.put(Metric.LINE, new Counter(1, 1));
        Coverage coverage = new Coverage(counters, List.of(Path.of("a.xml")));
        counters.put(Metric.BRANCH, new Counter(1, 1));

        assertThat(coverage.counters()).containsOnlyKeys(Metric.LINE);
        assertThatThrownBy(() -> coverage.counters().put(Metric.CLASS, new Counter(0, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Coverage(Map.of(), List.of())).isEqualTo(Coverage.EMPTY);
    }

    @Test
    void coveragePlusSumsSharedMetricsAndKeepsTheOthers() {
        Coverage jacoco = new Coverage(Map.of(Metric.LINE, new Counter(10, 10), Metric.INSTRUCTION,
                new Counter(50, 50)), List.of(Path.of("jacoco.xml")));
        Coverage lcov = new Coverage(Map.of(Metric.LINE, new Counter(90, 10), Metric.METHOD, new Counter(2, 0)),
                List.of(Path.of("lcov.info")));

        Coverage sum = jacoco.plus(lcov);

        assertThat(sum.counters()).containsExactlyInAnyOrderEntriesOf(Map.of(Metric.LINE, new Counter(100, 20),
                Metric.INSTRUCTION, new Counter(50, 50), Metric.METHOD, new Counter(2, 0)));
        assertThat(sum.counter(Metric.BRANCH)).isEmpty();
        assertThat(sum.files()).containsExactly(Path.of("jacoco.xml"), Path.of("lcov.info"));
        assertThat(Coverage.EMPTY.plus(jacoco)).isEqualTo(jacoco);
    }

    @Test
    void reportExceptionLeavesOutAnUnknownLine() {
        assertThat(new ReportException(Path.of("r.xml"), 7, "bad").getMessage()).isEqualTo("r.xml:7: bad");
        assertThat(new ReportException(Path.of("r.xml"), 0, "bad").getMessage()).isEqualTo("r.xml: bad");
    }
}
