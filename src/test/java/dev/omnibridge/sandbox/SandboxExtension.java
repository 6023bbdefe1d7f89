package dev.omnibridge.sandbox;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SandboxOmnidesk} for a test class, closed afterwards whatever the tests did. Register it in a static
 * field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SandboxExtension omnidesk = SandboxExtension.withDefaults();            // one for the class
 * static final SandboxExtension omnidesk = SandboxExtension.withDefaults().perTest();  // a fresh one per test
 * static final SandboxExtension omnidesk = SandboxExtension.startedByEachTest();       // the test picks settings
 * }</pre>
 *
 * The sandbox is running before the class's own {@code @BeforeAll}/{@code @BeforeEach} methods and is closed after
 * its {@code @AfterEach}/{@code @AfterAll} methods, so those may use it.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private enum Lifecycle { PER_CLASS, PER_TEST, STARTED_BY_TEST }

    private final SandboxSettings settings;
    private final Lifecycle lifecycle;
    private volatile SandboxOmnidesk running;
    /** The class context that started a per-class sandbox; nested classes must not start or close another. */
    private volatile String owner;

    private SandboxExtension(SandboxSettings settings, Lifecycle lifecycle) {
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /** One sandbox with {@link SandboxSettings#defaults()} for all tests of the class. */
    public static SandboxExtension withDefaults() {
        return with(SandboxSettings.defaults());
    }

    /** One sandbox with these settings for all tests of the class. */
    public static SandboxExtension with(SandboxSettings settings) {
        return new SandboxExtension(settings, Lifecycle.PER_CLASS);
    }

    /**
     * No sandbox until a test (or its {@code @BeforeEach}) calls {@link #start(SandboxSettings)} with the settings it
     * needs; it is closed after that test.
     */
    public static SandboxExtension startedByEachTest() {
        return new SandboxExtension(null, Lifecycle.STARTED_BY_TEST);
    }

    /** The same settings, but a fresh sandbox for every test (nothing one test did is seen by the next). */
    public SandboxExtension perTest() {
        if (lifecycle == Lifecycle.STARTED_BY_TEST) {
            throw new IllegalStateException("startedByEachTest() is already per test");
        }
        return new SandboxExtension(settings, Lifecycle.PER_TEST);
    }

    /** The running sandbox. */
    public SandboxOmnidesk get() {
        SandboxOmnidesk sandbox = running;
        if (sandbox == null) {
            throw new IllegalStateException(switch (lifecycle) {
                case PER_CLASS -> "No sandbox: register the SandboxExtension in a static field";
                case PER_TEST -> "No sandbox outside a test";
                case STARTED_BY_TEST -> "No sandbox yet: call start(settings) in the test or its @BeforeEach";
            });
        }
        return sandbox;
    }

    /** For {@link #startedByEachTest()}: starts this test's sandbox, which is closed after the test. */
    public SandboxOmnidesk start(SandboxSettings testSettings) {
        if (lifecycle != Lifecycle.STARTED_BY_TEST) {
            throw new IllegalStateException("start(settings) is for SandboxExtension.startedByEachTest()");
        }
        if (running != null) {
            throw new IllegalStateException("This test already started its sandbox");
        }
        running = SandboxOmnidesk.start(testSettings);
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_CLASS && owner == null) {
            running = SandboxOmnidesk.start(settings);
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_CLASS && context.getUniqueId().equals(owner)) {
            owner = null;
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_TEST) {
            running = SandboxOmnidesk.start(settings);
        } else if (lifecycle == Lifecycle.PER_CLASS && running == null) {
            // An instance field gets no beforeAll: fail with the reason instead of a NullPointerException later.
            throw new IllegalStateException("Register the per-class SandboxExtension in a static field");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (lifecycle != Lifecycle.PER_CLASS) {
            stop();
        }
    }

    private void stop() {
        SandboxOmnidesk sandbox = running;
        running = null;
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
