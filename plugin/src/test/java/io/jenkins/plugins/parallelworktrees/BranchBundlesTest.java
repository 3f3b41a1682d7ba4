package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A branch travels from one workspace to another as a bundle, with real git. */
class BranchBundlesTest {

    @TempDir
    Path tmp;

    @Test
    void aBranchMadeInOneCloneArrivesInAnotherThroughItsBundle() throws Exception {
        TestRepo origin = TestRepo.create(tmp.resolve("origin"));
        TestRepo worker = TestRepo.empty(tmp.resolve("worker"));
        worker.git().run("pull", "--quiet", origin.dir().toString(), "main");
        worker.git().run("switch", "--quiet", "-c", "shop/api");
        worker.write("api.txt", "api\n");
        worker.commitAll("api: add");
        worker.git().run("switch", "--quiet", "main");
        Path bundle = tmp.resolve("artifacts/workers/api/branch.bundle");

        assertThat(BranchBundles.create(worker.git(), "shop/api", bundle)).isTrue();
        TestRepo merger = TestRepo.empty(tmp.resolve("merger"));
        merger.git().run("pull", "--quiet", origin.dir().toString(), "main");
        BranchBundles.fetch(merger.git(), bundle, "shop/api");

        assertThat(merger.tip("shop/api")).isEqualTo(worker.tip("shop/api"));
        assertThat(merger.git().run("show", "shop/api:api.txt")).isEqualTo("api");
    }

    @Test
    void aBranchWithoutNewCommitsMakesNoBundle() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.git().run("branch", "shop/idle");
        Path bundle = tmp.resolve("idle.bundle");

        assertThat(BranchBundles.create(repo.git(), "shop/idle", bundle)).isFalse();
        assertThat(bundle).doesNotExist();
    }

    @Test
    void aLocalBranchThatWentElsewhereIsNotOverwritten() throws Exception {
        TestRepo origin = TestRepo.create(tmp.resolve("origin"));
        TestRepo worker = TestRepo.empty(tmp.resolve("worker"));
        worker.git().run("pull", "--quiet", origin.dir().toString(), "main");
        worker.git().run("switch", "--quiet", "-c", "shop/api");
        worker.write("api.txt", "theirs\n");
        worker.commitAll("api: theirs");
        worker.git().run("switch", "--quiet", "main");
        Path bundle = tmp.resolve("api.bundle");
        BranchBundles.create(worker.git(), "shop/api", bundle);
        TestRepo merger = TestRepo.empty(tmp.resolve("merger"));
        merger.git().run("pull", "--quiet", origin.dir().toString(), "main");
        merger.git().run("switch", "--quiet", "-c", "shop/api");
        merger.write("api.txt", "ours\n");
        String ours = merger.commitAll("api: ours");
        merger.git().run("switch", "--quiet", "main");

        assertThatThrownBy(() -> BranchBundles.fetch(merger.git(), bundle, "shop/api"))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("cannot bring branch shop/api");
        assertThat(merger.tip("shop/api")).isEqualTo(ours);
    }
}
