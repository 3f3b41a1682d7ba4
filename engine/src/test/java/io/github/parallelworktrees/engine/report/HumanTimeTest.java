package io.github.parallelworktrees.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(HumanTime.duration(-1)).isEqualTo("-");
        assertThat(HumanTime.duration(0)).isEqualTo("0.0 s");
        assertThat(HumanTime.duration(420)).isEqualTo("0.4 s");
        assertThat(HumanTime.duration(2_540)).isEqualTo("2.5 s");
        assertThat(HumanTime.duration(45_200)).isEqualTo("45 s");
        assertThat(HumanTime.duration(59_600)).isEqualTo("1 min");
        assertThat(HumanTime.duration(192_000)).isEqualTo("3 min 12 s");
        assertThat(HumanTime.duration(3_599_000)).isEqualTo("59 min 59 s");
        assertThat(HumanTime.duration(3_720_000)).isEqualTo("1 h 2 min");
        assertThat(HumanTime.duration(7_200_000)).isEqualTo("2 h");
        assertThat(HumanTime.duration(26L * 3_600_000 + 30_000)).isEqualTo("26 h 1 min");
    }

    @Test
    void momentsAreShownInTheZoneTheyNameItIncluded() {
        Instant at = Instant.parse("2026-07-02T12:03:12.700Z");

        assertThat(HumanTime.in(ZoneId.of("UTC")).clock(at)).isEqualTo("12:03:12 UTC");
        assertThat(HumanTime.in(ZoneId.of("Europe/Paris")).clock(at)).isEqualTo("14:03:12 CEST");
        assertThat(HumanTime.in(ZoneId.of("Europe/Paris")).dateAndClock(Instant.parse("2026-12-31T23:30:00Z")))
                .isEqualTo("2027-01-01 00:30:00 CET");
        assertThat(HumanTime.in(ZoneId.of("UTC")).clock(null)).isEqualTo("-");
        assertThat(HumanTime.between(at, at.plusSeconds(192))).isEqualTo("3 min 12 s");
    }
}
