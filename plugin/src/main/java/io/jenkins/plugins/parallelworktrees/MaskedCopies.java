package io.jenkins.plugins.parallelworktrees;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.process.Secrets;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jenkins.MasterToSlaveFileCallable;

/**
 * What a step archives, with its secrets masked: the text files (RESULTS.md, worker.log, result.json, gate.json,
 * merge.json, a planner's plan and records) are archived from copies made beside them on the agent, each form of
 * each secret replaced; git bundles are archived as they are. The engine's own files stay as the engine wrote
 * them (a Claude worker's transcript and log are already masked there).
 */
final class MaskedCopies {

    /** Text the engine writes; anything else (bundles) is archived as it is. */
    private static final Set<String> TEXT = Set.of("md", "log", "json", "jsonl", "txt", "xml", "html", "yaml", "yml",
            "stderr");

    private final FilePath dir;
    private final Map<String, String> artifacts;

    private MaskedCopies(FilePath dir, Map<String, String> artifacts) {
        this.dir = dir;
        this.artifacts = artifacts;
    }

    /**
     * Makes the copies under {@code root} (the repository the artifacts' paths are relative to).
     *
     * @param artifacts archive path to the file's path relative to {@code root}
     */
    static MaskedCopies of(FilePath root, Map<String, String> artifacts, List<String> secrets)
            throws IOException, InterruptedException {
        if (secrets.isEmpty() || artifacts.isEmpty()) {
            return new MaskedCopies(null, artifacts);
        }
        String relative = RunLayout.WORKTREES_DIR + "/.pwt-archive-" + UUID.randomUUID();
        Map<String, String> copied = root.act(new Copy(artifacts, secrets, relative));
        return new MaskedCopies(root.child(relative), copied);
    }

    /** What to archive: each archive path to its masked copy (or to the file itself when it is not text). */
    Map<String, String> artifacts() {
        return artifacts;
    }

    /** Removes the copies once archived. */
    void remove() throws IOException, InterruptedException {
        if (dir != null) {
            dir.deleteRecursive();
        }
    }

    static boolean isText(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 && TEXT.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The file's bytes with the secrets masked. A worker's log may hold output that is not UTF-8: it is then read
     * byte for byte (ISO-8859-1), so that nothing but the secrets' (ASCII) forms changes.
     */
    static byte[] masked(byte[] content, Secrets mask) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
            return mask.mask(text).getBytes(StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            return mask.mask(new String(content, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Writes the masked copies on the agent; plain strings in, plain strings out. */
    static final class Copy extends MasterToSlaveFileCallable<LinkedHashMap<String, String>> {

        private static final long serialVersionUID = 1L;

        private final LinkedHashMap<String, String> artifacts;
        private final ArrayList<String> secrets;
        private final String into;

        /** @param into where the copies go, relative to the root the callable runs on */
        Copy(Map<String, String> artifacts, List<String> secrets, String into) {
            this.artifacts = new LinkedHashMap<>(artifacts);
            this.secrets = new ArrayList<>(secrets);
            this.into = into;
        }

        @Override
        public LinkedHashMap<String, String> invoke(File f, VirtualChannel channel) throws IOException {
            Path root = f.toPath();
            Secrets mask = Secrets.of(secrets);
            LinkedHashMap<String, String> result = new LinkedHashMap<>();
            for (Map.Entry<String, String> artifact : artifacts.entrySet()) {
                Path source = root.resolve(artifact.getValue());
                if (!isText(artifact.getValue()) || !Files.isRegularFile(source)) {
                    result.put(artifact.getKey(), artifact.getValue());
                    continue;
                }
                String copy = into + "/" + artifact.getKey();
                Path target = root.resolve(copy);
                Path folder = target.getParent();
                if (folder != null) { // always: the copy lies under "into"
                    Files.createDirectories(folder);
                }
                Files.write(target, masked(Files.readAllBytes(source), mask));
                result.put(artifact.getKey(), copy);
            }
            return result;
        }
    }
}
