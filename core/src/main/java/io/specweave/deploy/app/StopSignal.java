package io.specweave.deploy.app;

import io.specweave.deploy.http.Sleeper;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a long-running command end cleanly on Ctrl-C or SIGTERM: a JVM shutdown hook asks it to
 * stop (a wait between polls ends at once) and then waits until the command has written what it
 * saw, so the JVM does not exit in the middle of the write.
 */
public final class StopSignal {

    /** How long the shutdown hook waits for the command to finish writing. */
    static final long WRITE_WAIT_SECONDS = 20;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;

    /** A signal that the JVM's shutdown (Ctrl-C, SIGTERM) raises. */
    public static StopSignal onShutdown() {
        StopSignal signal = new StopSignal();
        signal.hook = new Thread(() -> {
            signal.request();
            try {
                signal.finished.await(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "specweave-deploy-stop");
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    public void request() {
        requested.set(true);
        stop.countDown();
    }

    public boolean requested() {
        return requested.get();
    }

    /** Waits like {@link Sleeper#system()}, but returns as soon as a stop is requested. */
    public Sleeper sleeper() {
        return duration -> stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The command has written what it saw: the hook may let the JVM exit; a normal end removes the hook. */
    public void done() {
        finished.countDown();
        if (hook != null && !requested.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook has been released above.
            }
        }
    }
}
