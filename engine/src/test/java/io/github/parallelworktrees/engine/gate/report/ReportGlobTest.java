package io.github.parallelworktrees.engine.gate.report;

import static io.github.parallelworktrees.engine.gate.report.Fixtures.refusal;
import static io.github.parallelworktrees.engine.gate.report.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGlobTest {

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void tree() {
        dir = temp.resolve("worktree");
        for (String file : new String[] {
            "b/target/surefire-reports/TEST-b.xml", "a/target/surefire-reports/TEST-a2.xml",
            "a/target/surefire-reports/TEST-a1.xml", "a/target/surefire-reports/a.txt",
            "target/surefire-reports/TEST-root.xml", "target/site/jacoco/jacoco.xml",
            "web/coverage/lcov.info", "web/coverage/deep/more/extra.info", "top.info",
            ".git/modules/x/surefire-reports/TEST-git.xml", "sub/.git/surefire-reports/TEST-nested-git.xml"}) {
            write(dir, file, "x");
        }
        write(dir, "wt/.git", "gitdir: elsewhere"); // a worktree's .git is a file
    }

    @Test
    void doubleStarMatchesAnyDepthIncludingNone() {
        assertThat(Reports.glob(dir, "**/surefire-reports/*.xml")).containsExactly(
                dir.resolve("a/target/surefire-reports/TEST-a1.xml"),
                dir.resolve("a/target/surefire-reports/TEST-a2.xml"),
                dir.resolve("b/target/surefire-reports/TEST-b.xml"),
                dir.resolve("target/surefire-reports/TEST-root.xml"));
    }

    @Test
    void aWildcardWalkSkipsPwtsRunFolderButALiteralPathMayEnterIt() throws Exception {
        write(dir, ".worktrees/feat/ws/target/surefire-reports/TEST-other.xml", "x");

        assertThat(Reports.glob(dir, "**/surefire-reports/*.xml")).noneMatch(p -> p.toString().contains(".worktrees"));
        assertThat(Reports.glob(dir, ".worktrees/feat/ws/target/surefire-reports/*.xml")).hasSize(1);
    }

    @Test
    void literalPathMatchesThatFile() {
        assertThat(Reports.glob(dir, "target/site/jacoco/jacoco.xml"))
                .containsExactly(dir.resolve("target/site/jacoco/jacoco.xml"));
    }

    @Test
    void extensionGlobFindsFilesEverywhere() {
        assertThat(Reports.glob(dir, "**/*.info")).containsExactly(dir.resolve("top.info"),
                dir.resolve("web/coverage/deep/more/extra.info"), dir.resolve("web/coverage/lcov.info"));
    }

    @Test
    void singleStarAndQuestionMarkStayWithinOneName() {
        assertThat(Reports.glob(dir, "*/target/surefire-reports/TEST-a?.xml")).containsExactly(
                dir.resolve("a/target/surefire-reports/TEST-a1.xml"),
                dir.resolve("a/target/surefire-reports/TEST-a2.xml"));
        assertThat(Reports.glob(dir, "*.info")).containsExactly(dir.resolve("top.info"));
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        assertThat(Reports.glob(dir, "web/coverage/")).containsExactly(
                dir.resolve("web/coverage/deep/more/extra.info"), dir.resolve("web/coverage/lcov.info"));
    }

    @Test
    void gitDirectoriesAndFilesAreSkipped() {
        assertThat(Reports.glob(dir, "**/TEST-*.xml")).noneMatch(p -> p.toString().contains(".git"));
        assertThat(Reports.glob(dir, "**")).noneMatch(p -> p.toString().contains(".git"));
        assertThat(Reports.glob(dir, ".git/**")).isEmpty();
    }

    @Test
    void linksAreNotFollowed() throws IOException {
        Path outside = write(temp, "outside/secret.info", "SF:x\nend_of_record\n");
        Files.createSymbolicLink(dir.resolve("linked.info"), outside);
        Files.createSymbolicLink(dir.resolve("linkdir"), outside.getParent());

        assertThat(Reports.glob(dir, "**/*.info")).doesNotContain(dir.resolve("linked.info"))
                .noneMatch(p -> p.startsWith(dir.resolve("linkdir")));
        assertThat(Reports.glob(dir, "linkdir/secret.info")).isEmpty();
    }

    @Test
    void globMatchingNothingIsAnEmptyList() {
        assertThat(Reports.glob(dir, "**/failsafe-reports/*.xml")).isEmpty();
        assertThat(Reports.glob(dir, "no/such/dir/*.xml")).isEmpty();
    }

    @Test
    void globLeavingTheDirectoryIsRefused() {
        ReportException e = refusal(() -> Reports.glob(dir, "../outside/*.info"));

        assertThat(e.getMessage()).isEqualTo(dir + ": report glob '../outside/*.info' leads outside " + dir
                + " with '..'; report globs stay inside the worktree: write it relative to " + dir
                + ", without '..'");
        assertThat(refusal(() -> Reports.glob(dir, "target/../../x")).getMessage()).contains("leads outside");
    }

    @Test
    void absoluteGlobIsRefused() {
        assertThat(refusal(() -> Reports.glob(dir, "/etc/*.xml")).getMessage())
                .isEqualTo(dir + ": report glob '/etc/*.xml' is absolute; write it relative to " + dir);
    }

    @Test
    void missingDirectoryIsAnError() {
        Path missing = temp.resolve("nowhere");

        assertThat(refusal(() -> Reports.glob(missing, "**/*.xml")).getMessage())
                .isEqualTo(missing + ": is not a directory; report globs are matched in the worktree");
    }
}
