package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RESULTS.md is one of the build's artifacts: its page asks what core's {@code Run.doArtifact()} asks
 * (hudson/model/Run.java:2185-2189 at jenkins-2.504.3) before it shows any of it.
 */
class ArtifactsPermissionTest {

    /** A build whose ACL answers {@code allowed} and remembers what it was asked. */
    private static final class Build implements AccessControlled {
        final List<Permission> asked = new ArrayList<>();
        private final boolean allowed;

        Build(boolean allowed) {
            this.allowed = allowed;
        }

        @Override
        public ACL getACL() {
            throw new UnsupportedOperationException("the rule asks through hasPermission, as Run.doArtifact does");
        }

        @Override
        public boolean hasPermission(Permission permission) {
            asked.add(permission);
            return allowed;
        }
    }

    @Test
    void whenJenkinsDoesNotEnableThePermissionReadingTheBuildIsEnough() {
        Build build = new Build(false);

        assertThat(ArtifactsPermission.granted(false, build)).isTrue();
        assertThat(build.asked).isEmpty();
    }

    @Test
    void whenJenkinsEnablesItTheBuildsAclDecidesOnRunArtifacts() {
        Build refusing = new Build(false);
        Build granting = new Build(true);

        assertThat(ArtifactsPermission.granted(true, refusing)).isFalse();
        assertThat(ArtifactsPermission.granted(true, granting)).isTrue();
        assertThat(refusing.asked).containsExactly(Run.ARTIFACTS);
    }

    @Test
    void aUserWhoMayNotSeeTheArtifactsGetsNoResultsAndTheFileIsNotRead() throws Exception {
        List<String> reads = new ArrayList<>();
        ResultsPage page = new ResultsPage(new ParallelWorktreesAction(),
                ParallelWorktreesActionTest.row("api", WorkerStatus.DONE, 0.5), () -> {
                    reads.add("RESULTS.md");
                    return Optional.of("# Results\n\nThe secret plan.\n");
                }, false);

        assertThat(page.isArtifactsVisible()).isFalse();
        assertThat(page.getResultsHtml()).isNull();
        assertThat(reads).isEmpty();
    }
}
