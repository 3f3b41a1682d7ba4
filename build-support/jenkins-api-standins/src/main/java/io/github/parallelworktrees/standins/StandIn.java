package io.github.parallelworktrees.standins;

/**
 * The body of every stand-in method and constructor: {@code return StandIn.unsupported();} or
 * {@code StandIn.unsupported();}.
 *
 * <p>Why not {@code throw new UnsupportedOperationException(...)} in the body itself: SpotBugs reads the stand-ins'
 * bytecode as the plugin's auxiliary class path, takes a method with a throw and no return instruction for one that
 * never returns (spotbugs {@code ClassParserUsingASM.visitEnd}, {@code setIsUnconditionalThrower}), and then treats
 * everything after a call to it as unreachable: it missed the unchecked {@code @CheckForNull} result of
 * {@code WorkspaceList.tempDir} and reported objects used after such a call as useless. A body that returns what
 * this method returns has a return instruction, as the real Jenkins method has, so the analysis here follows the
 * same paths as the genuine build's. {@code StandInBodiesTest} keeps it so.
 */
public final class StandIn {
    private StandIn() {
    }

    /** Throws: a stand-in only compiles the plugin; the behaviour is Jenkins'. */
    public static <T> T unsupported() {
        throw new UnsupportedOperationException("stand-in");
    }
}
