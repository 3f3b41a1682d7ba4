package io.github.parallelworktrees.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A short crash campaign: a run killed at a random moment, then resumed, ends as if it had never been killed. */
class CrashCampaignTest {

    @Test
    void aRunKilledAtARandomMomentAndResumedEndsSucceededWithNothingLostOrLeftBehind() {
        long seed = new Random().nextLong();
        // three trials keep this near half a minute on a quiet machine; bench/run crash-campaign runs twenty
        CrashCampaign.Result result = new CrashCampaign(System.out).run(3, seed, Optional.empty());

        assertThat(result.survived()).as("%s (seed %d; again with bench/run crash-campaign --trials 3 --seed %d"
                + " --max-delay-ms %d)%n%s", result.summary(), seed, seed, result.typicalRunMillis(),
                result.failures())
                .isEqualTo(result.trials().size());
    }
}
