package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan with {@code review:} through pwt: the run's summary, its exit code and pwt status show each review. */
class ReviewCommandTest {

    @TempDir
    Path tmp;

    @Test
    void anUnstableReviewExitsTwoAndStatusShowsTheReviewForPeopleAndTools() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                review:
                  criticality: UNSTABLE
                  worker: {type: command, run: 'printf "# Review\\n\\n- nit: x.txt:1\\n\\nVerdict: request-changes\\n" > "$PWT_REVIEW_FILE"'}
                worker: {type: command, run: 'echo x > x.txt && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: a, prompt: x}
                """);

        PwtRunner run = PwtRunner.pwt("run", plan.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.UNSTABLE);
        assertThat(run.out()).contains("Review of a: review 1: request-changes (unstable, UNSTABLE)")
                .contains("Unstable: the review of a did not approve it (criticality UNSTABLE)");

        PwtRunner status = PwtRunner.pwt("status", plan.toString());
        assertThat(status.out()).contains("    ? review 1: request-changes (unstable, UNSTABLE)")
                .contains("review-1/REVIEW.md");
        JsonNode json = new ObjectMapper().readTree(PwtRunner.pwt("status", plan.toString(), "--json").out());
        JsonNode review = json.path("workstreams").get(0).path("review");
        assertThat(review.path("verdict").asText()).isEqualTo("request-changes");
        assertThat(review.path("status").asText()).isEqualTo("unstable");
        assertThat(review.path("kept_out").asBoolean(true)).isFalse();
    }
}
