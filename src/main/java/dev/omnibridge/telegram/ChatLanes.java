package dev.omnibridge.telegram;

import org.apache.camel.builder.RouteBuilder;

/**
 * With {@code telegram.enabled}, creates {@code telegram.lanes} routes from the {@code chat-lane} template in
 * {@code routes/telegram-chat.yaml}: a chat's events in order, chats in parallel.
 */
public class ChatLanes extends RouteBuilder {

    @Override
    public void configure() {
        if (!Boolean.parseBoolean(getContext().resolvePropertyPlaceholders("{{telegram.enabled}}"))) {
            return;
        }
        int lanes = Integer.parseInt(getContext().resolvePropertyPlaceholders("{{telegram.lanes}}"));
        for (int lane = 0; lane < lanes; lane++) {
            templatedRoute("chat-lane").routeId("chat-lane-" + lane).parameter("lane", String.valueOf(lane));
        }
    }
}
