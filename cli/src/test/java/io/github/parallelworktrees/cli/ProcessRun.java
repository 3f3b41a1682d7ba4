package io.github.parallelworktrees.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real process run to its end (argument list, never a shell string), with what it printed. */
record ProcessRun(int exitCode, String out, String err) {

    /** Runs {@code command} in {@code dir} with {@code env} added to this process's environment. */
    static ProcessRun run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        Path out = Files.createTempFile("process-run-", ".out");
        Path err = Files.createTempFile("process-run-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within 2 minutes");
            }
            return new ProcessRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs pwt's main class in a JVM of its own, with {@code jvmOptions} (e.g. -Djava.io.tmpdir=...). */
    static ProcessRun pwt(Path dir, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Pwt.class.getName()));
        command.addAll(List.of(args));
        return run(dir, Map.of(), command);
    }

    /** An executable shell script at {@code file}. */
    static Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
        return file;
    }
}
