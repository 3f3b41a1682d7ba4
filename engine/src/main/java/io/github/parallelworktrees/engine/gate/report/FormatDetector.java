package io.github.parallelworktrees.engine.gate.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Tells a report's format from its first {@value #PREFIX_BYTES} bytes: the XML root element, or LCOV's lines. */
final class FormatDetector {

    /** Enough for an XML declaration, comments, a DOCTYPE and the root's start tag; never the whole file. */
    static final int PREFIX_BYTES = 8192;

    private static final String EXPECTED = "expected a JUnit, JaCoCo, Cobertura or LCOV report";

    /** A format and the line that showed it (the root element's; 1 for LCOV). */
    record Detected(ReportFormat format, int line) {
    }

    private FormatDetector() {
    }

    static Detected detect(Path file) {
        if (Files.isDirectory(file)) {
            throw new ReportException(file, 0, "is a directory, not a report; give the report file or a glob");
        }
        byte[] prefix;
        boolean whole;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] read = in.readNBytes(PREFIX_BYTES + 1);
            whole = read.length <= PREFIX_BYTES;
            prefix = whole ? read : Arrays.copyOf(read, PREFIX_BYTES);
        } catch (NoSuchFileException e) {
            throw new ReportException(file, 0, "no such file; check the report path", e);
        } catch (IOException e) {
            throw new ReportException(file, 0, "cannot read the report: " + e.getMessage(), e);
        }
        int start = firstContent(prefix);
        if (start >= prefix.length) {
            throw new ReportException(file, 0, EXPECTED + "; found " + (prefix.length == 0 ? "an empty file"
                    : "only blank space"));
        }
        return prefix[start] == '<' || isUtf16(prefix) ? xml(file, prefix, whole) : text(file, prefix, start);
    }

    private static Detected xml(Path file, byte[] prefix, boolean whole) {
        XMLStreamReader reader = null;
        try {
            reader = Xml.newFactory().createXMLStreamReader(new ByteArrayInputStream(prefix));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    Xml.checkDoctype(file, reader);
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    return root(file, reader.getLocalName(), reader.getLocation().getLineNumber());
                }
            }
            throw new ReportException(file, 0, EXPECTED + "; found XML without a root element");
        } catch (XMLStreamException e) {
            if (!whole && nearEnd(e, prefix.length)) {
                throw new ReportException(file, 0, EXPECTED + "; found no XML root element in the first "
                        + PREFIX_BYTES / 1024 + " KB", e);
            }
            throw Xml.malformed(file, e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // a byte array holds nothing to release
                }
            }
        }
    }

    private static Detected root(Path file, String name, int line) {
        return switch (name) {
            case "testsuite", "testsuites" -> new Detected(ReportFormat.JUNIT, line);
            case "report" -> new Detected(ReportFormat.JACOCO, line);
            case "coverage" -> new Detected(ReportFormat.COBERTURA, line);
            default -> throw new ReportException(file, line, EXPECTED + "; found root element <" + name + ">");
        };
    }

    private static Detected text(Path file, byte[] prefix, int start) {
        String head = new String(prefix, start, prefix.length - start, StandardCharsets.UTF_8);
        String first = head.lines().findFirst().orElse("").strip();
        if (first.startsWith("TN:") || first.startsWith("SF:")) {
            return new Detected(ReportFormat.LCOV, 1);
        }
        String shown = Xml.abbreviate(first.replaceAll("\\p{Cntrl}", "?"), 40);
        throw new ReportException(file, 0, EXPECTED + "; found text starting '" + shown + "'");
    }

    /** Where content starts: after a UTF-8 byte order mark and blank space. */
    private static int firstContent(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean isUtf16(byte[] bytes) {
        return bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE);
    }

    /** Whether the parser stopped because the prefix ran out rather than at a real mistake earlier on. */
    private static boolean nearEnd(XMLStreamException e, int length) {
        int offset = e.getLocation() == null ? -1 : e.getLocation().getCharacterOffset();
        return offset < 0 || offset >= length - 16;
    }
}
