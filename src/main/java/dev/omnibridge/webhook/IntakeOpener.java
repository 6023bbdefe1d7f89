package dev.omnibridge.webhook;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StartupListener;

/**
 * Opens an intake once the Camel context has fully started: sends to its recovery route ({@code recovery}), which puts
 * what was accepted before the last stop back into the lanes and then starts the intake's route ({@code openedRoute}).
 * Earlier would be too early: a route started while the context is still starting is only registered, not started.
 * A bean (not Main code), so that the route files work the same under Camel K. Two intakes use it: the Omnidesk rule
 * webhook (intake-recovery) and, with telegram.enabled, Variant 2's (telegram-open).
 */
public class IntakeOpener implements CamelContextAware, StartupListener {

    static final String WEBHOOK_ROUTE = "omnidesk-webhook";

    private CamelContext camelContext;
    private String recovery = "direct:intake-recovery";
    private String openedRoute = WEBHOOK_ROUTE;
    private boolean enabled = true;

    /** The route that recovers and then opens the intake. */
    public void setRecovery(String recovery) {
        this.recovery = recovery;
    }

    /** The route the recovery starts: once it runs, the intake is open. */
    public void setOpenedRoute(String openedRoute) {
        this.openedRoute = openedRoute;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void init() throws Exception {
        if (enabled) {
            camelContext.addStartupListener(this);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // not yet: routes may still be starting
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // Camel Main pre-parses the route files and so creates YAML beans twice: recover only once.
        ServiceStatus opened = context.getRouteController().getRouteStatus(openedRoute);
        if (opened == null || !opened.isStarted()) {
            context.createProducerTemplate().sendBody(recovery, null);
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
