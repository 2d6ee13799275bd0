package io.specweave.deploy.cli;

import io.specweave.deploy.model.Slot;
import io.specweave.deploy.app.SlotResult;

/** How {@code deploy --slot} and {@code swap-slots} print their result. */
final class SlotPrinter {

    private SlotPrinter() {
    }

    static String text(SlotResult r) {
        StringBuilder s = new StringBuilder();
        if ("swap".equals(r.action())) {
            s.append("Swapped slots of ").append(r.environment()).append(" for ").append(r.increment()).append(": ")
                    .append(r.live()).append(" is live, ").append(r.idle()).append(" is idle");
        } else {
            s.append("Deployed ").append(r.increment()).append(" to slot ").append(r.slot()).append(" of ")
                    .append(r.environment()).append(r.liveChanged() ? " (live)" : " (idle; " + r.live() + " stays live)");
        }
        for (String name : r.slots().slots().keySet()) {
            Slot slot = r.slots().slot(name);
            s.append("\n  ").append(name.equals(r.live()) ? "live " : "idle ").append(name).append(": commit ")
                    .append(slot.commit()).append(slot.url() == null ? "" : ", " + slot.url())
                    .append(", deployed ").append(slot.deployedAt())
                    .append(slot.healthStatus() == null ? "" : ", " + slot.healthStatus());
        }
        if (r.health() != null) {
            s.append("\n  health of ").append(r.slot()).append(": ").append(r.health().status()).append(" (")
                    .append(r.health().detail()).append(", ").append(r.health().url()).append(')');
        }
        if (r.trackingId() != null) {
            s.append("\n  tracking: ").append(r.trackingId());
        }
        return s.toString();
    }
}
