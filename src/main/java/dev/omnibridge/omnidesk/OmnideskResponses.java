package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;

/** Reads an Omnidesk response body; an empty body (some writes answer with nothing) becomes a JSON null. */
public class OmnideskResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode parse(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            return NullNode.getInstance();
        }
        return JSON.readTree(body);
    }
}
