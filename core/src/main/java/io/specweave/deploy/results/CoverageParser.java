package io.specweave.deploy.results;

import io.specweave.deploy.BadInputException;
import java.nio.file.Path;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Line coverage in percent from a JaCoCo XML report ({@code <report>} with a report-level
 * {@code <counter type="LINE">}) or a Cobertura XML report ({@code <coverage>} with
 * {@code lines-covered}/{@code lines-valid}, else {@code line-rate}). Rounded to two decimals.
 */
public final class CoverageParser {

    static final String EXPECTED = "a JaCoCo XML report (<report> root) or a Cobertura XML report (<coverage> root)";

    public double parse(Path file, String display) {
        Document document = SafeXml.parse(file, display, EXPECTED);
        Element root = document.getDocumentElement();
        switch (root.getTagName()) {
            case "report" -> {
                for (Element counter : SafeXml.children(root, "counter")) {
                    if ("LINE".equals(counter.getAttribute("type"))) {
                        long missed = SafeXml.number(counter, "missed", -1);
                        long covered = SafeXml.number(counter, "covered", -1);
                        if (missed < 0 || covered < 0) {
                            break;
                        }
                        return percent(covered, covered + missed);
                    }
                }
                throw new BadInputException(display + ": JaCoCo report without a report-level "
                        + "<counter type=\"LINE\" missed=\"..\" covered=\"..\"/>; expected " + EXPECTED);
            }
            case "coverage" -> {
                long valid = SafeXml.number(root, "lines-valid", -1);
                long covered = SafeXml.number(root, "lines-covered", -1);
                if (valid >= 0 && covered >= 0) {
                    return percent(covered, valid);
                }
                String rate = root.getAttribute("line-rate");
                try {
                    double value = Double.parseDouble(rate.trim());
                    if (value < 0 || value > 1) {
                        throw new NumberFormatException(rate);
                    }
                    return Math.round(value * 10_000) / 100.0;
                } catch (NumberFormatException e) {
                    throw new BadInputException(display + ": Cobertura report without lines-covered/lines-valid "
                            + "or a line-rate from 0 to 1 on <coverage>; expected " + EXPECTED);
                }
            }
            default -> throw new BadInputException(display + ": expected " + EXPECTED + ", got a <"
                    + root.getTagName() + "> root element");
        }
    }

    private static double percent(long covered, long total) {
        return total == 0 ? 0.0 : Math.round(covered * 10_000.0 / total) / 100.0;
    }
}
