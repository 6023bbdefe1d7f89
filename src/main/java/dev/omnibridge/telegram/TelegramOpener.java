package dev.omnibridge.telegram;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.StartupListener;

/**
 * With {@code telegram.enabled}, runs {@code direct:telegram-open} once the Camel context has fully started: the
 * events accepted before the last stop go back into their chats' lanes, then Telegram updates and the custom
 * channel's webhooks are let in (routes/telegram-intake.yaml).
 */
public class TelegramOpener implements CamelContextAware, StartupListener {

    static final String CHANNEL_ROUTE = "omnidesk-channel-webhook";

    private CamelContext camelContext;
    private boolean enabled;

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
        // Camel Main builds YAML beans twice: open only once.
        var channel = context.getRouteController().getRouteStatus(CHANNEL_ROUTE);
        if (channel == null || !channel.isStarted()) {
            context.createProducerTemplate().sendBody("direct:telegram-open", null);
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
