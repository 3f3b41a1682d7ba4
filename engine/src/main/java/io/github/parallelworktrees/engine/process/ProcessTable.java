package io.github.parallelworktrees.engine.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The machine's live processes as Linux's {@code /proc} shows them: name, process group, working directory and
 * arguments, which {@link ProcessHandle} does not give for processes that are not our descendants. Elsewhere
 * (no {@code /proc}) the table is empty, and callers fall back to what {@link ProcessHandle} knows.
 */
public final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    /**
     * One live process.
     *
     * @param name the kernel's name for it (the executable's or script's file name, at most 15 characters)
     * @param group its process-group id
     * @param cwd its working directory, when we may read it (only our own user's processes)
     * @param args its command line (empty for kernel threads)
     */
    public record Entry(long pid, String name, long group, Optional<Path> cwd, List<String> args) {

        /** Its command line for a message: arguments joined, at most 80 characters (a prompt can be long). */
        public String commandLine() {
            String line = args.isEmpty() ? name : String.join(" ", args);
            return line.length() <= 80 ? line : line.substring(0, 77) + "...";
        }

        /** True for git and its helper programs ({@code git-remote-https}, ...), however it was started. */
        public boolean isGit() {
            if (name.equals("git") || name.startsWith("git-")) {
                return true;
            }
            if (args.isEmpty()) {
                return false;
            }
            Path first = Path.of(args.get(0)).getFileName();
            return first != null && (first.toString().equals("git") || first.toString().startsWith("git-"));
        }
    }

    private ProcessTable() {
    }

    /** True when this machine has a {@code /proc} to read. */
    public static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** Every live process (zombies excluded: they hold no files and run no code). */
    public static List<Entry> snapshot() {
        return scan(stat -> true);
    }

    /** The live members of process group {@code group}. */
    public static List<Entry> group(long group) {
        return scan(stat -> stat.group() == group);
    }

    /** The live process {@code pid}, if there is one. */
    public static Optional<Entry> entry(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        return stat(dir).flatMap(stat -> entry(dir, stat));
    }

    /** A process's environment, when we may read it (our own user's processes); empty otherwise. */
    public static Map<String, String> environment(long pid) {
        Map<String, String> env = new HashMap<>();
        try {
            String text = text(PROC.resolve(Long.toString(pid)).resolve("environ"));
            for (String pair : text.split("\0")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    env.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or it just ended
        }
        return env;
    }

    /** The fields of /proc/PID/stat we use. */
    private record Stat(long pid, String name, long group) {
    }

    private static List<Entry> scan(Predicate<Stat> wanted) {
        List<Entry> entries = new ArrayList<>();
        if (!available()) {
            return entries;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                // the stat line alone decides; the rest is read only for the processes wanted
                stat(dir).filter(wanted).flatMap(stat -> entry(dir, stat)).ifPresent(entries::add);
            }
        } catch (IOException e) {
            // /proc unreadable: nothing known, as on a machine without it
        }
        return entries;
    }

    private static Optional<Stat> stat(Path dir) {
        try {
            long pid = Long.parseLong(dir.getFileName().toString());
            String stat = text(dir.resolve("stat"));
            // "pid (name) state ppid pgrp ...": the name may hold spaces and parentheses, so split after the last ')'
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open) {
                return Optional.empty();
            }
            String[] fields = stat.substring(close + 1).strip().split(" ");
            if (fields.length < 3 || fields[0].equals("Z") || fields[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(new Stat(pid, stat.substring(open + 1, close), Long.parseLong(fields[2])));
        } catch (IOException | NumberFormatException | SecurityException e) {
            return Optional.empty(); // it ended while we read it
        }
    }

    private static Optional<Entry> entry(Path dir, Stat stat) {
        try {
            return Optional.of(new Entry(stat.pid(), stat.name(), stat.group(), cwd(dir), args(dir)));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // it ended while we read it
        }
    }

    private static Optional<Path> cwd(Path dir) {
        try {
            return Optional.of(Files.readSymbolicLink(dir.resolve("cwd")));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static List<String> args(Path dir) throws IOException {
        String text = text(dir.resolve("cmdline"));
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.endsWith("\0")) {
            text = text.substring(0, text.length() - 1);
        }
        return Arrays.asList(text.split("\0", -1));
    }

    /** A /proc file's text; bytes that are not UTF-8 (an odd file name) become U+FFFD instead of failing. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
