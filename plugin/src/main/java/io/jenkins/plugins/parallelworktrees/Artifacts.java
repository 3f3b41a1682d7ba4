package io.jenkins.plugins.parallelworktrees;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;
import jenkins.util.VirtualFile;

/**
 * The build's archived files, through its ArtifactManager (as workflow-basic-steps' ArtifactArchiverStepExecution
 * archives), so that they are kept wherever the controller keeps artifacts (also in external artifact storage).
 */
final class Artifacts {

    private Artifacts() {
    }

    /**
     * Archives {@code files}: archive path ({@code workers/api/RESULTS.md}) to the file's path relative to
     * {@code base}.
     */
    static void archive(Run<?, ?> run, FilePath base, Launcher launcher, TaskListener listener,
            Map<String, String> files) throws IOException, InterruptedException {
        if (!files.isEmpty()) {
            run.pickArtifactManager().archive(base, launcher, new BuildListenerAdapter(listener), files);
        }
    }

    /**
     * Copies the archived files named {@code paths} that exist into {@code dir} (same relative paths), on the
     * agent that holds it.
     *
     * @return the paths that were archived and copied
     */
    static List<String> copy(Run<?, ?> run, List<String> paths, FilePath dir) throws IOException,
            InterruptedException {
        VirtualFile root = run.getArtifactManager().root();
        List<String> copied = new ArrayList<>();
        for (String path : paths) {
            VirtualFile file = root.child(path);
            if (file.isFile()) {
                try (InputStream in = file.open()) {
                    dir.child(path).copyFrom(in);
                }
                copied.add(path);
            }
        }
        return copied;
    }
}
