package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacePathsTest {

    @TempDir
    Path tmp;

    @Test
    void aPathThatClimbsOutOfTheWorkspaceIsRefusedByItsText() {
        assertThat(WorkspacePaths.problem("../../x")).hasValueSatisfying(p -> assertThat(p).contains("leaves the workspace"));
        assertThat(WorkspacePaths.problem("specs/../../x")).isPresent();
        assertThat(WorkspacePaths.problem("~/plan.yaml")).isPresent();
        assertThat(WorkspacePaths.problem(" ")).isPresent();
    }

    @Test
    void aPathInsideTheWorkspaceIsFineEvenWithDotDotInside() {
        assertThat(WorkspacePaths.problem("specs/plan.yaml")).isEmpty();
        assertThat(WorkspacePaths.problem("./specs/../specs/plan.yaml")).isEmpty();
        assertThat(WorkspacePaths.problem("a\\b.yaml")).isEmpty();
    }

    @Test
    void atRunTimeARelativePathResolvesFromTheCurrentDirectoryInsideTheWorkspace() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Path sub = Files.createDirectories(workspace.resolve("sub"));

        assertThat(WorkspacePaths.resolve(workspace, sub, "../baseline/jacoco.xml", "baseline"))
                .isEqualTo(workspace.resolve("baseline/jacoco.xml"));
        assertThat(WorkspacePaths.resolve(workspace, workspace, "specs/plan.yaml", "plan"))
                .isEqualTo(workspace.resolve("specs/plan.yaml"));
    }

    @Test
    void atRunTimeAPathOutsideTheWorkspaceIsRefusedNamingTheParameter() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));

        assertThatThrownBy(() -> WorkspacePaths.resolve(workspace, workspace, "../../x", "plan"))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("plan '../../x' leads outside the workspace");
        assertThatThrownBy(() -> WorkspacePaths.resolve(workspace, workspace, "/etc/passwd", "baseline"))
                .isInstanceOf(AbortException.class).hasMessageContaining("baseline '/etc/passwd'");
    }

    @Test
    void aWorkspaceWithNoDirectoryAboveItIsNamedWithWhereToRunInstead() {
        // the genuine behaviour (WorkspaceList.tempDir null for '/') is WorkspaceWithoutParentTest, with Jenkins
        assertThat(WorkspacePaths.noTempDir("/"))
                .startsWith("the workspace '/' has no directory above it")
                .contains("/@tmp")
                .contains("run the step in a directory below it, for example inside dir('build')");
    }

    @Test
    void anAbsolutePathInsideTheWorkspaceIsAllowed() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Path file = workspace.resolve("baseline/jacoco.xml");

        assertThat(WorkspacePaths.resolve(workspace, workspace, file.toString(), "baseline")).isEqualTo(file);
    }

    @Test
    void aSymbolicLinkThatLeadsOutOfTheWorkspaceIsRefused() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Path outside = Files.writeString(tmp.resolve("secret.yaml"), "feature: x\n");
        Files.createSymbolicLink(workspace.resolve("plan.yaml"), outside);
        Files.createSymbolicLink(workspace.resolve("specs"), tmp);

        assertThatThrownBy(() -> WorkspacePaths.resolve(workspace, workspace, "plan.yaml", "plan"))
                .isInstanceOf(AbortException.class).hasMessageContaining("outside the workspace");
        assertThatThrownBy(() -> WorkspacePaths.resolve(workspace, workspace, "specs/secret.yaml", "plan"))
                .isInstanceOf(AbortException.class);
    }

    @Test
    void theWorkspaceOfAStepInsideADirBlockIsTheNodesWorkspace() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Path sub = Files.createDirectories(workspace.resolve("sub"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

        assertThat(WorkspacePaths.root(sub, workspace.toString())).isEqualTo(workspace.toRealPath());
        assertThat(WorkspacePaths.root(elsewhere, workspace.toString())).isEqualTo(elsewhere.toRealPath());
        assertThat(WorkspacePaths.root(sub, null)).isEqualTo(sub.toRealPath());
    }

    @Test
    void theRepositoryMustLieInsideTheWorkspace() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path inner = Files.createDirectories(repo.dir().resolve("module"));

        assertThat(WorkspacePaths.repository(repo.dir(), inner, Environment.ofThisProcess()))
                .isEqualTo(repo.dir().toRealPath());
        assertThatThrownBy(() -> WorkspacePaths.repository(inner, inner, Environment.ofThisProcess()))
                .isInstanceOf(AbortException.class).hasMessageContaining("larger than the workspace");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> WorkspacePaths.repository(plain, plain, Environment.ofThisProcess()))
                .isInstanceOf(AbortException.class).hasMessageContaining("is not inside a git repository");
    }
}
