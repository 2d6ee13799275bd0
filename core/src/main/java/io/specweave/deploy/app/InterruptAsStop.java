package io.specweave.deploy.app;

import io.specweave.deploy.http.Sleeper;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An interrupt taken as a stop request, the way Ctrl-C and SIGTERM are: a Jenkins abort (which
 * interrupts the step's thread, on the agent too) or a cancelled executor ends a wait early instead
 * of failing the operation, every later wait returns at once, and the operation ends with what it
 * saw and records it. The caller gets the interrupt back once the operation is done, so the code
 * that interrupted still sees it.
 */
final class InterruptAsStop {

    private final AtomicBoolean interrupted = new AtomicBoolean();

    /** {@code host} whose waits end on an interrupt and whose stop is also raised by one. */
    Host guard(Host host) {
        Sleeper sleeper = host.sleeper();
        return host.withWaits(duration -> {
            if (interrupted.get()) {
                return;
            }
            try {
                sleeper.sleep(duration);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, () -> interrupted.get() || host.stop().getAsBoolean());
    }

    /** Gives the thread the interrupt a wait took as a stop; call once the operation has written what it saw. */
    void restore() {
        if (interrupted.get()) {
            Thread.currentThread().interrupt();
        }
    }
}
