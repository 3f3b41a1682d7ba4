package io.github.parallelworktrees.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefNamesTest {

    @TempDir
    Path tmp;

    @Test
    void agreesWithGitCheckRefFormat() {
        TestRepo repo = TestRepo.create(tmp);
        String[] names = {"f/ok", "f/a.b-c_d", "f/a..b", "f/.hidden", "f/x.lock", "f/sp ace", "f/t~1", "f/c:d",
            "f/q?", "f/st*r", "f/br[", "f/back\\slash", "f/at@{x}", "f//double", "f/", "f/end.", "-dash/x", "f/hat^"};
        for (String name : names) {
            boolean gitAccepts = repo.git().tryRun("check-ref-format", "--branch", name).succeeded();
            assertThat(RefNames.problemWithBranch(name).isEmpty()).as(name).isEqualTo(gitAccepts);
        }
    }

    @Test
    void aBranchBlocksTheBranchesInsideItsNameAndIsBlockedByThem() {
        TestRepo repo = TestRepo.create(tmp);
        repo.git().run("branch", "feat");
        repo.git().run("branch", "other/a/b");

        // what git itself says: creating inside an existing branch's name fails, as does the other way round
        assertThat(repo.git().tryRun("branch", "feat/a").succeeded()).isFalse();
        assertThat(repo.git().tryRun("branch", "other/a").succeeded()).isFalse();
        List<String> existing = List.of("main", "feat", "other/a/b", "feature");
        assertThat(RefNames.blocking("feat/a", existing)).containsExactly("feat");
        assertThat(RefNames.blocking("other/a", existing)).containsExactly("other/a/b");
        assertThat(RefNames.blocking("feat", existing)).isEmpty();
        assertThat(RefNames.blocking("feature/x", existing)).containsExactly("feature");
        assertThat(RefNames.blocking("feat2/a", existing)).isEmpty();
    }
}
