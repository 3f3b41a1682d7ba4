package io.github.parallelworktrees.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreesTest {

    @TempDir
    Path tmp;

    @Test
    void createsANewBranchFromTheStartPointWithItsFilesCheckedOut() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String base = repo.git().run("rev-parse", "HEAD");
        Path path = tmp.resolve("wt");

        Worktrees.Added added = new Worktrees(repo.git()).add(path, "f/a", base);

        assertThat(added).isEqualTo(Worktrees.Added.NEW_BRANCH);
        assertThat(path.resolve("README.md")).hasContent("# test project");
        Git wt = Git.in(path, Environment.ofThisProcess());
        assertThat(wt.run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("f/a");
        assertThat(wt.run("status", "--porcelain")).as("a clean checkout").isEmpty();
    }

    @Test
    void reusesAnExistingBranchWithCommitsWithoutResettingIt() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String base = repo.git().run("rev-parse", "HEAD");
        repo.git().run("checkout", "--quiet", "-b", "f/a");
        repo.write("work.txt", "precious\n");
        String work = repo.commitAll("earlier work");
        repo.git().run("checkout", "--quiet", "main");

        Worktrees.Added added = new Worktrees(repo.git()).add(tmp.resolve("wt"), "f/a", base);

        assertThat(added).isEqualTo(Worktrees.Added.EXISTING_BRANCH);
        assertThat(repo.tip("f/a")).isEqualTo(work);
        assertThat(tmp.resolve("wt/work.txt")).hasContent("precious");
    }

    @Test
    void leavesAWorktreeThatIsAlreadyThereAsItIs() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(repo.git());
        Path path = tmp.resolve("wt");
        worktrees.add(path, "f/a", "main");
        writeQuietly(path.resolve("scratch.txt"), "uncommitted\n");

        assertThat(worktrees.add(path, "f/a", "main")).isEqualTo(Worktrees.Added.ALREADY_PRESENT);
        assertThat(path.resolve("scratch.txt")).hasContent("uncommitted");
    }

    @Test
    void refusesAPathThatExistsButIsNotAWorktreeAndTouchesNothing() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path path = tmp.resolve("wt");
        writeQuietly(path.resolve("mine.txt"), "someone's file\n");

        assertThatThrownBy(() -> new Worktrees(repo.git()).add(path, "f/a", "main"))
                .isInstanceOf(WorktreeException.class)
                .hasMessageContaining(path + " exists but is not a git worktree");
        assertThat(path.resolve("mine.txt")).hasContent("someone's file");
        assertThat(repo.git().branchExists("f/a")).isFalse();
    }

    @Test
    void refusesABranchCheckedOutInAnotherWorktree() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(repo.git());
        worktrees.add(tmp.resolve("first"), "f/a", "main");

        assertThatThrownBy(() -> worktrees.add(tmp.resolve("second"), "f/a", "main"))
                .isInstanceOf(WorktreeException.class)
                .hasMessageContaining("branch 'f/a' is already checked out at");
    }

    @Test
    void refusesToPutAWorktreeWhereAnotherBranchsWorktreeIs() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(repo.git());
        worktrees.add(tmp.resolve("wt"), "f/a", "main");

        assertThatThrownBy(() -> worktrees.add(tmp.resolve("wt"), "f/b", "main"))
                .isInstanceOf(WorktreeException.class)
                .hasMessageContaining("is already a worktree of f/a, not of branch 'f/b'");
    }

    @Test
    void finishesTheCheckoutOfAWorktreeAKilledRunLeftUnpopulated() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path path = tmp.resolve("wt");
        repo.git().run("worktree", "add", "--no-checkout", "-b", "f/a", path.toString(), "main");

        new Worktrees(repo.git()).add(path, "f/a", "main");

        assertThat(path.resolve("README.md")).exists();
        assertThat(Git.in(path, Environment.ofThisProcess()).run("status", "--porcelain")).isEmpty();
    }

    @Test
    void neverResetsAnExistingWorktreeWithFilesEvenWhenItsIndexIsEmpty() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(repo.git());
        Path path = tmp.resolve("wt");
        worktrees.add(path, "f/a", "main");
        Files.writeString(path.resolve("README.md"), "edited, not committed\n");
        Git.in(path, Environment.ofThisProcess()).run("rm", "-r", "-q", "--cached", ".");

        assertThat(worktrees.add(path, "f/a", "main")).isEqualTo(Worktrees.Added.ALREADY_PRESENT);

        assertThat(path.resolve("README.md")).hasContent("edited, not committed");
    }

    @Test
    void addsManyWorktreesInParallelWithoutCollidingOnGitsLocks() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(repo.git());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Worktrees.Added>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path path = tmp.resolve("wt" + i);
            String branch = "f/ws" + i;
            results.add(pool.submit(() -> {
                start.await();
                return worktrees.add(path, branch, "main");
            }));
        }
        start.countDown();
        for (Future<Worktrees.Added> result : results) {
            assertThat(result.get()).isEqualTo(Worktrees.Added.NEW_BRANCH);
        }
        pool.shutdown();
        assertThat(worktrees.list()).hasSize(9);
        for (int i = 0; i < 8; i++) {
            assertThat(tmp.resolve("wt" + i + "/README.md")).exists();
        }
    }

    @Test
    void removesACleanWorktreeButKeepsItsBranch() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(repo.git());
        Path path = tmp.resolve("wt");
        worktrees.add(path, "f/a", "main");

        worktrees.remove(path);

        assertThat(path).doesNotExist();
        assertThat(repo.git().branchExists("f/a")).isTrue();
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
