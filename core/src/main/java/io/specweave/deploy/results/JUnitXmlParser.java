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
 * {@code skipped} (or {@code disabled}) attributes.
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
        return fromAttributes(root);
    }

    /** A summary-only file: the root's counts, or the sum of its top-level suites' counts. */
    private static TestResults fromAttributes(Element element) {
        if (element.hasAttribute("tests")) {
            long total = SafeXml.number(element, "tests", 0);
            long skipped = element.hasAttribute("skipped") ? SafeXml.number(element, "skipped", 0)
                    : SafeXml.number(element, "disabled", 0);
            return TestResults.of(total, SafeXml.number(element, "failures", 0), skipped,
                    SafeXml.number(element, "errors", 0));
        }
        TestResults sum = TestResults.EMPTY;
        List<Element> suites = SafeXml.children(element, "testsuite");
        for (Element suite : suites) {
            sum = sum.plus(fromAttributes(suite));
        }
        return sum;
    }
}
