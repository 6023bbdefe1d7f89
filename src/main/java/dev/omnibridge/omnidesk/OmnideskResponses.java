package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Reads an Omnidesk response: a 2xx body becomes JSON (an empty body a JSON null), anything else an
 * {@link OmnideskCallException} that the retry policy classifies.
 */
public class OmnideskResponses {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** The answer to {@code request}: its status and body as the HTTP call left them. */
    public JsonNode read(@ExchangeProperty(OmnideskRequests.PROPERTY) OmnideskRequest request,
            @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body byte[] body) throws IOException {
        if (status == null || status < 200 || status > 299) {
            throw new OmnideskCallException(request.operation(), status == null ? 0 : status, errorCode(body));
        }
        if (body == null || body.length == 0) {
            return NullNode.getInstance();
        }
        return JSON.readTree(body);
    }

    /**
     * Omnidesk errors look like {"error": "case_not_found"}; only that code is kept (bodies may hold data), and only
     * when it looks like a code. Empty when there is none. The setup tools report the same code.
     */
    public static String errorCode(byte[] body) {
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
