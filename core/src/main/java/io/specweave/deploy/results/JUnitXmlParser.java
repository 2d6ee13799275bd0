package io.specweave.deploy.results;

import io.specweave.deploy.model.TestResults;
import io.specweave.deploy.BadInputException;
import java.nio.file.Path;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Counts JUnit XML reports as Maven Surefire, Gradle, the JUnit Platform console launcher, pytest
 * and jest-junit write them: a {@code <testsuites>} or a {@code <testsuite>} root, suites nested in
 * suites, and per test case a {@code <failure>}, {@code <error>} or {@code <skipped>} child. The
 * test cases are counted when the file has them (reruns of flaky tests are not extra tests); a file
 * that only summarises uses the suites' {@code tests}, {@code failures}, {@code errors} and
 * {@code skipped} (or {@code disabled}) attributes, which must be whole numbers that add up: bad input
 * otherwise, naming the file, the suite and the attribute.
 */
public final class JUnitXmlParser {

    static final String EXPECTED = "JUnit XML (a <testsuites> or <testsuite> root element, as Surefire, Gradle, "
            + "the JUnit Platform, pytest or jest-junit write it)";

    public TestResults parse(Path file, String display) {
        Document document = SafeXml.parse(file, display, EXPECTED);
        Element root = document.getDocumentElement();
        String name = root.getTagName();
        if (!name.equals("testsuites") && !name.equals("testsuite")) {
            throw new BadInputException(display + ": expected " + EXPECTED + ", got a <" + name + "> root element");
        }
        NodeList cases = root.getElementsByTagName("testcase");
        if (cases.getLength() > 0) {
            long failed = 0;
            long errors = 0;
            long skipped = 0;
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                if (!SafeXml.children(testCase, "error").isEmpty()) {
                    errors++;
                } else if (!SafeXml.children(testCase, "failure").isEmpty()) {
                    failed++;
                } else if (!SafeXml.children(testCase, "skipped").isEmpty()
                        || "skipped".equalsIgnoreCase(testCase.getAttribute("status"))
                        || "disabled".equalsIgnoreCase(testCase.getAttribute("status"))) {
                    skipped++;
                }
            }
            return TestResults.of(cases.getLength(), failed, skipped, errors);
        }
        return fromAttributes(root, display);
    }

    /**
     * A summary-only file: the root's counts, or the sum of its top-level suites' counts. Each count is
     * a whole number and a test counts once, so failures, errors and skipped add up to no more than tests:
     * anything else would be recorded as passed tests that never ran.
     */
    private static TestResults fromAttributes(Element element, String display) {
        if (given(element, "tests")) {
            String suite = describe(element);
            long total = count(element, "tests", display, suite);
            long failed = count(element, "failures", display, suite);
            long errors = count(element, "errors", display, suite);
            // The Ant schema's <testsuites> says disabled where <testsuite> says skipped.
            String skippedAttribute = !given(element, "skipped") && given(element, "disabled") ? "disabled" : "skipped";
            long skipped = count(element, skippedAttribute, display, suite);
            if (failed + errors + skipped > total) {
                throw new BadInputException(display + ": " + suite + ": failures (" + failed + ") + errors (" + errors
                        + ") + " + skippedAttribute + " (" + skipped + ") is " + (failed + errors + skipped)
                        + ": expected no more than tests (" + total + "), as each test is counted once");
            }
            return TestResults.of(total, failed, skipped, errors);
        }
        TestResults sum = TestResults.EMPTY;
        List<Element> suites = SafeXml.children(element, "testsuite");
        for (Element suite : suites) {
            sum = sum.plus(fromAttributes(suite, display));
        }
        return sum;
    }

    /** A blank attribute is one the writer left empty: as absent. */
    private static boolean given(Element element, String attribute) {
        return !element.getAttribute(attribute).isBlank();
    }

    /** A count attribute; absent is 0. Written as "12", "12.0" or "1,200", as some writers format numbers. */
    private static long count(Element element, String attribute, String display, String suite) {
        if (!given(element, attribute)) {
            return 0;
        }
        String text = element.getAttribute(attribute).trim();
        Long value = SafeXml.wholeNumber(text);
        if (value == null) {
            throw new BadInputException(display + ": " + suite + " attribute " + attribute
                    + ": expected a whole number (0 or more), got \"" + text + "\"");
        }
        return value;
    }

    /** The element as a message names it: {@code <testsuite name="checkout">}, else by its place. */
    private static String describe(Element element) {
        String name = element.getAttribute("name").trim();
        if (!name.isEmpty()) {
            return "<" + element.getTagName() + " name=\"" + name + "\">";
        }
        if (!(element.getParentNode() instanceof Element parent)) {
            return "<" + element.getTagName() + ">";
        }
        List<Element> siblings = SafeXml.children(parent, element.getTagName());
        return "<" + element.getTagName() + "> number " + (siblings.indexOf(element) + 1) + " in "
                + describe(parent);
    }
}
