package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import org.apache.camel.Exchange;

/**
 * Reads an Omnidesk response: a 2xx body becomes JSON (an empty body a JSON null), anything else an
 * {@link OmnideskCallException} that the retry policy classifies.
 */
public class OmnideskResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode read(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (status < 200 || status > 299) {
            String operation = exchange.getProperty(OmnideskRequests.OPERATION, "call", String.class);
            throw new OmnideskCallException(operation, status, errorCode(body));
        }
        if (body == null || body.length == 0) {
            return NullNode.getInstance();
        }
        return JSON.readTree(body);
    }

    /** Omnidesk errors look like {"error": "case_not_found"}; only that code is kept (bodies may hold data). */
    private static String errorCode(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            String code = JSON.readTree(body).path("error").asText("");
            return code.length() > 60 || !code.matches("[A-Za-z0-9_. -]*") ? "" : code;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
