package io.github.parallelworktrees.engine.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A plan file's text: read only from a regular file, at most {@link #MAX_BYTES}, and only as UTF-8. */
final class PlanText {

    /** The largest plan read: far more than any plan needs, and read and parsed in well under a second. */
    static final int MAX_BYTES = 1024 * 1024;

    private PlanText() {
    }

    /** The text of {@code file}, or a PlanException naming the file and what to do. */
    static String read(Path file) {
        if (!Files.exists(file)) {
            throw new PlanException(file + ": no such plan file");
        }
        // a FIFO would block the read until someone writes to it, a device like /dev/zero would never end
        if (Files.isDirectory(file)) {
            throw new PlanException(file + ": is a directory, not a plan file; give the path of the plan (YAML, JSON or"
                    + " Markdown)");
        }
        if (!Files.isRegularFile(file)) {
            throw new PlanException(file + ": is not a regular file (a FIFO, device or socket); give the path of a"
                    + " plan saved in a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // bounded even when the file grows after the check above
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new PlanException(file + ": no such plan file");
        } catch (IOException e) {
            throw new PlanException(file + ": cannot read the plan (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file.toString());
        }
        return decode(file.toString(), bytes);
    }

    /** Refuses text that would not have been read from a file (the Jenkins step passes plan text itself). */
    static void checkSize(String file, String text) {
        // a char is at least one UTF-8 byte; counting the bytes is needed only near the limit
        if (text.length() > MAX_BYTES || (text.length() > MAX_BYTES / 4
                && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES)) {
            throw tooLarge(file);
        }
    }

    private static PlanException tooLarge(String file) {
        return new PlanException(file + ": the plan is larger than 1 MiB, the most a plan may be; put long instructions in"
                + " a tasks file of their own ('tasks: specs/<workstream>.md') instead of in the plan");
    }

    /** {@code bytes} as UTF-8, or a PlanException naming the first byte (and line) that is not. */
    private static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new PlanException(file + ":" + line + ": the plan is not UTF-8 text (byte " + (offset + 1)
                    + " of the file, 0x" + String.format("%02x", bytes[offset] & 0xff) + "); save it as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        // an editor's byte order mark is not part of the plan
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
