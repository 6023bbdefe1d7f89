package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.BoundedLog;
import dev.omnibridge.sandbox.support.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /sandbox/channel}: the custom channel's settings page (its webhook URL), its fault switch and what was
 * posted to it. The URL is shown: unlike a rule URL it is the channel's own setting, visible in its settings.
 */
final class CustomChannelControl {

    private final Directory directory;
    private final ChannelRelay relay;
    private final BoundedLog<ChannelDelivery> deliveries;

    CustomChannelControl(Directory directory, ChannelRelay relay, BoundedLog<ChannelDelivery> deliveries) {
        this.directory = directory;
        this.relay = relay;
        this.deliveries = deliveries;
    }

    void mount(Router router) {
        router.get("/sandbox/channel").handler(ctx -> Json.sendPretty(ctx, 200, view()));
        router.post("/sandbox/channel").handler(this::configure);
        router.get("/sandbox/channel/deliveries").handler(this::deliveries);
    }

    /** {@code webhook_url} (null or "" removes it), {@code duplicateDeliveries}, {@code reset}; reset first. */
    private void configure(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        if (body.path("reset").asBoolean(false)) {
            relay.duplicateDeliveries(false);
        }
        if (body.has("webhook_url")) {
            directory.setChannelWebhookUrl(JsonFields.text(body, "webhook_url"));
        }
        if (body.has("duplicateDeliveries")) {
            relay.duplicateDeliveries(body.path("duplicateDeliveries").asBoolean(false));
        }
        Json.sendPretty(ctx, 200, view());
    }

    ObjectNode view() {
        ObjectNode view = OmnideskJson.customChannelNode(directory.customChannels().get(0));
        return view.put("duplicateDeliveries", relay.duplicatesDeliveries());
    }

    private void deliveries(RoutingContext ctx) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (ChannelDelivery d : deliveries.snapshot()) {
            list.addObject()
                    .put("case_id", d.caseId())
                    .put("message_id", d.messageId())
                    .put("status", d.status())
                    .put("attempts", d.attempts())
                    .put("answer", d.answer())
                    .put("body", d.body())
                    .put("sent_at", d.sentAt().toString());
        }
        Json.sendPretty(ctx, 200, list);
    }
}
