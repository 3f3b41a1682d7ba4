package io.github.parallelworktrees.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The race invariants see what they are there to see: a race that went right passes, a lost racer does not. */
class RacesTest {

    private final ThrowawayProject project = ThrowawayProject.create(Duration.ZERO, "waves", true);

    @AfterEach
    void removeProject() {
        project.close();
    }

    @Test
    void aRaceWonAfterAFixHoldsAndALoserDeletedOrTheWinnersTipDroppedIsCaught() {
        project.setBroken(ThrowawayProject.RACED, true);
        project.pwt("run");
        project.fixByHand("beta-racer-1");
        project.setBroken(ThrowawayProject.RACED, false);
        project.pwt("resume");
        assertThat(Invariants.check(project)).as("after a run with no winner, a fix of racer 1 and a resume")
                .isEmpty();

        // as a careless hand would: refs moved and deleted under the worktrees that have them checked out
        project.git().run("update-ref", "refs/heads/" + project.branch(ThrowawayProject.RACED), project.baseCommit());
        project.git().run("update-ref", "-d", "refs/heads/" + project.branch("beta-racer-2"));

        assertThat(Invariants.check(project)).anyMatch(v -> v.startsWith("(6a)") && v.contains("beta-racer-2"))
                .anyMatch(v -> v.startsWith("(6b)") && v.contains("racer 1 won"))
                .anyMatch(v -> v.startsWith("(1)") && v.contains("'beta work'"));
    }
}
