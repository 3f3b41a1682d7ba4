package io.github.parallelworktrees.engine.claude;

import io.github.parallelworktrees.engine.process.Environment;
import java.util.Optional;

/** The CLI refuses to bypass permissions as root outside a declared sandbox: say so before it hangs or fails. */
final class RootCheck {

    private RootCheck() {
    }

    /** @param env the CLI's whole environment */
    static Optional<String> refusal(String permissionMode, Environment env) {
        return refusal(permissionMode, env.get("IS_SANDBOX"), isRoot());
    }

    static Optional<String> refusal(String permissionMode, Optional<String> sandbox, boolean root) {
        if (!permissionMode.equals("bypassPermissions") || !root) {
            return Optional.empty();
        }
        if (sandbox.filter("1"::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("permissionMode 'bypassPermissions' as root: the Claude Code CLI refuses this unless"
                + " IS_SANDBOX=1 is set. If this machine is a disposable sandbox, set IS_SANDBOX=1 in the"
                + " environment (or in the plan's env); otherwise run as a normal user or use acceptEdits");
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"))
                || ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    }
}
