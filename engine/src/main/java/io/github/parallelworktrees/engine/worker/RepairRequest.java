package io.github.parallelworktrees.engine.worker;

import java.nio.file.Path;

/**
 * A worker's attempt that repairs its branch after a merge left it out ({@code repair: {attempts: N}}).
 *
 * @param attempt the repair's number for this workstream (1 for the first), given to commands as PWT_REPAIR
 * @param report the Markdown file saying why the branch was left out (PWT_REPAIR_REPORT)
 */
public record RepairRequest(int attempt, Path report) {
}
