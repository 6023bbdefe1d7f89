package dev.omnibridge.webhook;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StartupListener;

/**
 * Runs {@code direct:intake-recovery} once the Camel context has fully started: webhooks accepted before the last
 * stop go back into their lanes, then that route opens the webhook. Earlier would be too early: a route started
 * while the context is still starting is only registered, not started. A bean (not Main code), so that the route
 * files work the same under Camel K.
 */
public class IntakeOpener implements CamelContextAware, StartupListener {

    static final String WEBHOOK_ROUTE = "omnidesk-webhook";

    private CamelContext camelContext;

    public void init() throws Exception {
        camelContext.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // not yet: routes may still be starting
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // Camel Main pre-parses the route files and so creates YAML beans twice: recover only once.
        ServiceStatus webhook = context.getRouteController().getRouteStatus(WEBHOOK_ROUTE);
        if (webhook == null || !webhook.isStarted()) {
            context.createProducerTemplate().sendBody("direct:intake-recovery", null);
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
