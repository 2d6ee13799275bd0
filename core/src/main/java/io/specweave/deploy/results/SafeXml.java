package io.specweave.deploy.results;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.FileProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The JDK's DOM parser with external entities and external DTDs off (no XXE, no network).
 * A {@code DOCTYPE} is allowed because JaCoCo and Cobertura reports carry one, but what it points
 * at is never read, and the JDK's secure-processing limits stop entity expansion bombs.
 */
final class SafeXml {

    private SafeXml() {
    }

    static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new java.io.StringReader("")));
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser does not support secure processing", e);
        }
    }

    /** Parses {@code file}; unreadable or malformed files are bad input naming the file and {@code expected}. */
    static Document parse(Path file, String display, String expected) {
        try (InputStream in = Files.newInputStream(file)) {
            return builder().parse(in);
        } catch (NoSuchFileException e) {
            throw new BadInputException(display + ": no such file; expected " + expected);
        } catch (SAXException e) {
            throw new BadInputException(display + ": not well-formed XML (" + e.getMessage() + "); expected "
                    + expected, e);
        } catch (IOException e) {
            throw new BadInputException(display + ": cannot be read: " + FileProblem.of(e), e);
        }
    }

    /** Direct child elements of {@code parent} named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name.equals(e.getTagName()))) {
                result.add(e);
            }
        }
        return result;
    }

    /** An integer attribute; absent or unreadable gives {@code fallback}. Decimals like "3.0" are accepted. */
    static long number(Element element, String attribute, long fallback) {
        String text = element.getAttribute(attribute);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Math.round(Double.parseDouble(text.trim().replace(",", "")));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Digits, maybe grouped by thousands ("1,200"), maybe with a zero fraction ("12.0"). */
    private static final java.util.regex.Pattern WHOLE_NUMBER = java.util.regex.Pattern.compile(
            "\\+?(\\d+|\\d{1,3}(,\\d{3})+)(\\.0*)?");

    /** {@code text} as a whole number of 0 or more; null when it is none (negative, a fraction, not a number). */
    static Long wholeNumber(String text) {
        String trimmed = text.trim();
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            return null;
        }
        String digits = trimmed.replace("+", "").replace(",", "");
        int point = digits.indexOf('.');
        try {
            return Long.parseLong(point < 0 ? digits : digits.substring(0, point));
        } catch (NumberFormatException e) {
            return null; // more than a long holds: no real count
        }
    }
}
