package io.github.parallelworktrees.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pwt merge}: not in this build yet; it says so and exits 4 instead of pretending. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Gated wave merges (pwt merge): not supported yet in this build (exits 4)."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Ignored until the command exists.")
    List<String> args;

    @Override
    public Integer call() {
        throw new NotSupportedYet("'pwt merge'");
    }
}
