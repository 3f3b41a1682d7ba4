package io.github.parallelworktrees.engine.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A worktree's .env: the main checkout's .env with the plan's variables set over it, and PORT moved by the
 * workstream's index so parallel dev servers do not clash.
 */
public final class DotEnv {

    private DotEnv() {
    }

    /**
     * The .env pwt writes into the worktree of the workstream at {@code index}: the main checkout's .env with the
     * plan's variables set over it; none when there is neither. Cleanup compares with it to tell the user's edits.
     */
    public static Optional<String> forWorktree(Path repository, Map<String, String> planEnv, int index)
            throws IOException {
        Path main = repository.resolve(".env");
        Map<String, String> values = forWorkstream(planEnv, index);
        if (!Files.isRegularFile(main) && values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(merge(Files.isRegularFile(main) ? Files.readString(main) : "", values));
    }

    /** The variables a workstream gets from the plan, PORT offset by {@code index}. */
    public static Map<String, String> forWorkstream(Map<String, String> planEnv, int index) {
        Map<String, String> env = new LinkedHashMap<>(planEnv);
        String port = env.get("PORT");
        if (port != null) {
            env.put("PORT", String.valueOf(Integer.parseInt(port) + index));
        }
        return env;
    }

    /**
     * {@code original} (the main checkout's .env, possibly empty) with each variable of {@code values} replaced
     * in place or appended; comments and other lines are kept.
     */
    public static String merge(String original, Map<String, String> values) {
        values.forEach((k, v) -> {
            // one variable is one line: a line break in a value would write variables nobody asked for
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("env '" + k + "' holds a line break; a .env value must be one"
                        + " line");
            }
        });
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        for (String line : original.split("\n", -1)) {
            String key = keyOf(line);
            if (key != null && pending.containsKey(key)) {
                String prefix = line.stripLeading().startsWith("export ") ? "export " : "";
                out.add(prefix + key + "=" + pending.remove(key));
            } else {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        pending.forEach((k, v) -> out.add(k + "=" + v));
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    private static String keyOf(String line) {
        String s = line.strip();
        if (s.startsWith("#") || !s.contains("=")) {
            return null;
        }
        if (s.startsWith("export ")) {
            s = s.substring("export ".length()).strip();
        }
        return s.substring(0, s.indexOf('=')).strip();
    }
}
