package io.specweave.deploy.report;

import io.specweave.deploy.metrics.MonitorPoll;
import java.io.PrintWriter;

/**
 * Progress of a command, printed as it comes: a line each in a log; on a terminal, the polls of a
 * monitored environment as one line rewritten in place. {@link #finish} ends it, so what follows
 * starts on a line of its own, after a blank line when anything was printed.
 */
public class TerminalProgress extends ProgressLines {

    private final PrintWriter out;
    private final boolean inPlace;
    private int width;
    private boolean printed;

    /**
     * @param inPlace rewrite a poll's line in place (an interactive terminal); else a line each
     * @param plain   ASCII marks instead of emoji
     */
    public TerminalProgress(PrintWriter out, boolean inPlace, boolean plain) {
        super(line -> {
            out.println(line);
            out.flush();
        }, plain);
        this.out = out;
        this.inPlace = inPlace;
    }

    @Override
    public void poll(MonitorPoll poll) {
        printed = true;
        if (!inPlace) {
            super.poll(poll);
            return;
        }
        // Padded over what a longer line before it left on the screen.
        String line = MonitorText.line(poll);
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
    }

    @Override
    public void measurement(int number, int planned, io.specweave.deploy.metrics.CanaryAnalyzer.Measurement m) {
        printed |= planned > 1;
        super.measurement(number, planned, m);
    }

    /** Ends the progress: what is printed next starts on a line of its own. */
    public void finish() {
        if (inPlace && width > 0) {
            out.println();
        }
        if (printed) {
            out.println();
        }
        out.flush();
    }
}
