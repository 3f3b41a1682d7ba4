package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class GraderTest {

    @Test
    void passesAtFifty() {
        assertEquals("pass", Grader.grade(50));
    }

    @Test
    void failsOnPurpose() {
        // The report readers' tests expect exactly one failure from this project.
        assertEquals("excellent", Grader.grade(99), "grade of 99");
    }

    @Disabled("skipped on purpose: the readers count it as skipped")
    @Test
    void skippedOnPurpose() {
        assertEquals("fail", Grader.grade(0));
    }
}
