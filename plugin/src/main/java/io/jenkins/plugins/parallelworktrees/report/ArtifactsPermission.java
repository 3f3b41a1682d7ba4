package io.jenkins.plugins.parallelworktrees.report;

import hudson.Functions;
import hudson.model.Run;
import hudson.security.AccessControlled;

/**
 * Whether the current user may see a build's artifacts, decided as core decides it for the build's artifact pages
 * (jenkins core {@code hudson/model/Run.java:2185-2189} at jenkins-2.504.3, {@code doArtifact()}: when
 * {@code Functions.isArtifactsPermissionEnabled()} (the system property {@code hudson.security.ArtifactsPermission},
 * Functions.java:2321) is set, {@code Run.ARTIFACTS} (Run.java:2570) is required; otherwise reading the build is
 * enough). The pages that show a workstream's RESULTS.md show an artifact's content and ask the same.
 */
final class ArtifactsPermission {

    private ArtifactsPermission() {
    }

    /** For the request being served: the run's ACL, with Jenkins' own switch for the permission. */
    static boolean granted(Run<?, ?> run) {
        return granted(Functions.isArtifactsPermissionEnabled(), run);
    }

    /** The rule itself: {@code Run.ARTIFACTS} is asked only when Jenkins enables it. */
    static boolean granted(boolean permissionEnabled, AccessControlled run) {
        return !permissionEnabled || run.hasPermission(Run.ARTIFACTS);
    }
}
