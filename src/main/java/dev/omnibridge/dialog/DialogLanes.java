package dev.omnibridge.dialog;

import org.apache.camel.builder.RouteBuilder;

/** Creates {@code dialog.lanes} routes from the {@code dialog-lane} template in {@code routes/dialog.yaml}. */
public class DialogLanes extends RouteBuilder {

    @Override
    public void configure() {
        int lanes = Integer.parseInt(getContext().resolvePropertyPlaceholders("{{dialog.lanes}}"));
        for (int lane = 0; lane < lanes; lane++) {
            templatedRoute("dialog-lane").routeId("dialog-lane-" + lane).parameter("lane", String.valueOf(lane));
        }
    }
}
