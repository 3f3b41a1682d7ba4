package io.github.parallelworktrees.engine.merge;

import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.plan.MergePolicy;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges a branch into a commit without touching any checkout or index: {@code git merge-tree --write-tree},
 * conflicts resolved by the plan's policies in a temporary index, then {@code git commit-tree}. Nothing moves
 * a ref; the caller decides what lands (a wave's merge, a race's judge).
 */
public final class OffTreeMerge {

    /** The outcome: a merge commit, or the conflicted paths no policy resolves. */
    public record Result(Optional<String> commit, List<String> unresolved, List<String> resolvedByPolicy) {
    }

    private record Stage(String mode, String oid) {
    }

    private final Git git;
    private final ConflictPolicies policies;
    private final Path scratch;
    private Map<String, String> identity;

    /** @param scratch a folder for the temporary index and blobs */
    public OffTreeMerge(Git repository, List<MergePolicy> policies, Path scratch) {
        this.git = repository;
        this.policies = new ConflictPolicies(policies);
        this.scratch = scratch;
    }

    /**
     * Merges {@code branchCommit} (workstream {@code workstream}) into {@code into} as a --no-ff merge commit with
     * {@code message}.
     */
    public Result merge(String into, String branchCommit, String workstream, String message) {
        ProcessResult result = git.tryRun("merge-tree", "--write-tree", "-z", into, branchCommit);
        if (result.timedOut() || result.exitCode() > 1) {
            throw new MergeException("git merge-tree failed for " + workstream + ": " + result.stderr().strip());
        }
        String[] records = result.stdout().split("\0", -1);
        String tree = records[0].strip();
        List<String> resolved = new ArrayList<>();
        if (result.exitCode() == 1) {
            Map<String, Map<Integer, Stage>> conflicts = new LinkedHashMap<>();
            for (int i = 1; i < records.length && !records[i].isEmpty(); i++) {
                String[] headAndPath = records[i].split("\t", 2);
                String[] head = headAndPath[0].split(" ");
                conflicts.computeIfAbsent(headAndPath[1], k -> new HashMap<>())
                        .put(Integer.parseInt(head[2]), new Stage(head[0], head[1]));
            }
            List<String> unresolved = new ArrayList<>();
            Map<String, Optional<Stage>> choices = new LinkedHashMap<>();
            for (Map.Entry<String, Map<Integer, Stage>> conflict : conflicts.entrySet()) {
                Optional<Optional<Stage>> choice = resolve(conflict.getKey(), conflict.getValue(), workstream);
                if (choice.isEmpty()) {
                    unresolved.add(conflict.getKey());
                } else {
                    choices.put(conflict.getKey(), choice.get());
                    resolved.add(conflict.getKey());
                }
            }
            if (!unresolved.isEmpty()) {
                return new Result(Optional.empty(), unresolved, resolved);
            }
            tree = rewriteTree(tree, choices);
        }
        List<String> args = List.of("commit-tree", tree, "-p", into, "-p", branchCommit, "-m", message);
        if (identity == null) {
            identity = Committer.identity(git);
        }
        String commit = git.runWithEnv(identity, args).strip();
        return new Result(Optional.of(commit), List.of(), resolved);
    }

    /**
     * The version a policy picks for a conflicted path: present (a blob to keep), empty (delete the path), or no
     * decision at all (no policy, or union of a side that was deleted).
     */
    private Optional<Optional<Stage>> resolve(String path, Map<Integer, Stage> stages, String workstream) {
        Optional<MergePolicy> policy = policies.forPath(path);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        return switch (policy.get().strategy()) {
            case "ours" -> Optional.of(Optional.ofNullable(stages.get(2)));
            case "theirs" -> Optional.of(Optional.ofNullable(stages.get(3)));
            case "owner" -> Optional.of(Optional.ofNullable(stages.get(
                    policy.get().owner().filter(workstream::equals).isPresent() ? 3 : 2)));
            case "union" -> union(stages).map(Optional::of);
            default -> Optional.empty();
        };
    }

    /** Both sides' lines (git merge-file --union); impossible when one side deleted the file. */
    private Optional<Stage> union(Map<Integer, Stage> stages) {
        Stage ours = stages.get(2);
        Stage theirs = stages.get(3);
        if (ours == null || theirs == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(scratch);
            Path o = blobFile("ours", ours.oid());
            Path b = stages.containsKey(1) ? blobFile("base", stages.get(1).oid()) : Files.writeString(
                    scratch.resolve("base"), "");
            Path t = blobFile("theirs", theirs.oid());
            git.tryRun("merge-file", "--union", o.toString(), b.toString(), t.toString());
            String oid = git.run("hash-object", "-w", o.toString()).strip();
            return Optional.of(new Stage(ours.mode(), oid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path blobFile(String name, String oid) throws IOException {
        Path file = scratch.resolve(name);
        ProcessResult blob = git.tryRun("cat-file", "blob", oid);
        Files.writeString(file, blob.stdout());
        return file;
    }

    /** The merge-tree result with the chosen versions in place of the conflicted ones. */
    private String rewriteTree(String tree, Map<String, Optional<Stage>> choices) {
        try {
            Files.createDirectories(scratch);
            Path index = scratch.resolve("index");
            Files.deleteIfExists(index);
            Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
            git.runWithEnv(env, List.of("read-tree", tree));
            for (Map.Entry<String, Optional<Stage>> choice : choices.entrySet()) {
                if (choice.getValue().isPresent()) {
                    Stage s = choice.getValue().get();
                    git.runWithEnv(env, List.of("update-index", "--add", "--cacheinfo",
                            s.mode() + "," + s.oid() + "," + choice.getKey()));
                } else {
                    git.runWithEnv(env, List.of("update-index", "--force-remove", "--", choice.getKey()));
                }
            }
            String written = git.runWithEnv(env, List.of("write-tree")).strip();
            Files.deleteIfExists(index);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
