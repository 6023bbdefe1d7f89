package dev.omnibridge.webhook;

import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN until the webhook route is open. It starts late on purpose (after {@code intake-recovery} has put
 * the webhooks of the last run back into their lanes), and Camel's own routes check counts a route that is not
 * started automatically as fine — so without this check a pod would get traffic its webhook answers with 404.
 */
public class WebhookOpenCheck extends AbstractHealthCheck {

    public WebhookOpenCheck() {
        super("bridge", "webhook-open");
        setEnabled(true);
    }

    @Override
    public boolean isLiveness() {
        return false; // a slow recovery is no reason to restart the process
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ServiceStatus status = getCamelContext().getRouteController().getRouteStatus(IntakeOpener.WEBHOOK_ROUTE);
        builder.detail("route", IntakeOpener.WEBHOOK_ROUTE);
        if (status != null && status.isStarted()) {
            builder.up();
        } else {
            builder.message("the webhook opens once the webhooks of the last run are back in their lanes").down();
        }
    }
}
