package io.github.parallelworktrees.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
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
}
