package io.github.parallelworktrees.engine.gate.report;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams an XML report through a {@link Handler} with the JDK's StAX reader, safely: no DTD is ever read, no
 * external entity resolved, and a DOCTYPE is refused unless it is one of the fixed lines real tools write.
 */
final class Xml {

    /**
     * DOCTYPE lines that real coverage tools write and that are harmless because nothing is ever loaded from them:
     * JaCoCo's (a PUBLIC id and "report.dtd") and Cobertura's, which istanbul copies. Anything else, above all an
     * internal subset ("[...]", where entities are declared), is refused.
     */
    private static final List<Pattern> KNOWN_DOCTYPES = List.of(
            Pattern.compile("<!DOCTYPE\\s+report\\s+PUBLIC\\s+\"-//JACOCO//DTD Report \\d+(\\.\\d+)*//EN\"\\s+"
                    + "\"report\\.dtd\"\\s*>"),
            Pattern.compile("<!DOCTYPE\\s+coverage\\s+SYSTEM\\s+"
                    + "\"https?://cobertura\\.sourceforge\\.net/xml/coverage-\\d+\\.dtd\"\\s*>"));

    private static final int BUFFER = 1 << 16;
    private static final String CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";
    private static final int CDATA_CHUNK_CHARS = 8192;

    /** Receives the elements of a report as they stream by; depth 1 is the root element. */
    interface Handler {

        void start(XMLStreamReader reader, int depth) throws XMLStreamException;

        default void end(String localName, int depth) {
        }

        /** Whether {@link #text} should be called now; text is only materialised when it is wanted. */
        default boolean wantsText() {
            return false;
        }

        default void text(XMLStreamReader reader) {
        }
    }

    private Xml() {
    }

    /** Streams {@code file} through {@code handler}; any problem becomes a {@link ReportException} naming the file. */
    static void scan(Path file, Handler handler) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            scan(file, in, handler);
        } catch (NoSuchFileException e) {
            throw new ReportException(file, 0, "no such file; check the report path", e);
        } catch (IOException e) {
            throw new ReportException(file, 0, "cannot read the report: " + e.getMessage(), e);
        }
    }

    static void scan(Path file, InputStream in, Handler handler) {
        XMLStreamReader reader = null;
        try {
            reader = newFactory().createXMLStreamReader(in);
            int depth = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD -> checkDoctype(file, reader);
                    case XMLStreamConstants.START_ELEMENT -> handler.start(reader, ++depth);
                    case XMLStreamConstants.END_ELEMENT -> handler.end(reader.getLocalName(), depth--);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (handler.wantsText()) {
                            handler.text(reader);
                        }
                    }
                    default -> {
                        // comments, processing instructions: nothing in them counts
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(file, e);
        } finally {
            close(reader);
        }
    }

    /** The JDK's own StAX implementation (never one found on the classpath), with DTDs and entities off. */
    static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        try {
            // The JDK hands a CDATA section over in one piece by default: Surefire's <system-out><![CDATA[...]]>
            // can be hundreds of MB. In chunks, memory stays flat (the benchmark proves it with -Xmx64m).
            factory.setProperty(CDATA_CHUNK_SIZE, CDATA_CHUNK_CHARS);
        } catch (IllegalArgumentException e) {
            // a JDK without the property still reads correctly, only with a larger heap for huge CDATA
        }
        // Belt and braces: should anything still ask for an external resource, it gets nothing.
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }

    /** Refuses a DOCTYPE unless it is one of {@link #KNOWN_DOCTYPES}; SUPPORT_DTD=false already keeps it unread. */
    static void checkDoctype(Path file, XMLStreamReader reader) {
        String doctype = reader.getText();
        for (Pattern known : KNOWN_DOCTYPES) {
            if (known.matcher(doctype.strip()).matches()) {
                return;
            }
        }
        // The reader reports where the DOCTYPE ends; a reader of the message wants where it starts.
        int line = Math.max(1, reader.getLocation().getLineNumber() - (int) doctype.chars().filter(c -> c == '\n')
                .count());
        throw new ReportException(file, line, "DOCTYPE is not allowed in a report (external entities are refused): "
                + abbreviate(doctype.replaceAll("\\s+", " "), 120) + "; only JaCoCo's and Cobertura's own DOCTYPE"
                + " lines are accepted, and never loaded");
    }

    /** "FILE:LINE: malformed XML at column C: what the parser said", from the parser's own location. */
    static ReportException malformed(Path file, XMLStreamException e) {
        Location location = e.getLocation();
        int line = location == null ? 0 : Math.max(location.getLineNumber(), 0);
        String column = location == null || location.getColumnNumber() <= 0 ? ""
                : " at column " + location.getColumnNumber();
        String said = parserMessage(e);
        String hint = said.contains("must start and end within the same entity")
                || said.contains("end of file") || said.contains("Premature end")
                ? " (the report looks truncated: was the tool that writes it interrupted? run it again)"
                : " (fix or regenerate the report)";
        return new ReportException(file, line, "malformed XML" + column + ": " + said + hint, e);
    }

    /** The location of the reader's current event, for problems found in a report's content. */
    static ReportException error(Path file, XMLStreamReader reader, String problem) {
        Location location = reader.getLocation();
        return new ReportException(file, location == null ? 0 : Math.max(location.getLineNumber(), 0), problem);
    }

    static String attribute(XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    /** A non-negative whole number from attribute {@code name}, or -1 when the attribute is absent or blank. */
    static long count(Path file, XMLStreamReader reader, String name) {
        String value = attribute(reader, name).strip();
        if (value.isEmpty()) {
            return -1;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the element it was found in
        }
        throw error(file, reader, "<" + reader.getLocalName() + "> has " + name + "=\"" + abbreviate(value, 40)
                + "\"; expected a whole number of 0 or more");
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    // The JDK prefixes "ParseError at [row,col]:[4,22]\nMessage: "; the location is reported separately.
    private static String parserMessage(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int at = message.indexOf("Message: ");
        return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // the stream underneath is closed by its owner; nothing is lost here
            }
        }
    }
}
