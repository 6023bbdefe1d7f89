package dev.omnibridge.bot.engine;

import org.apache.camel.component.http.HttpMethods;

/**
 * One call to the engine, as routes/bot-engine.yaml sends it: the method, the full URL, the JSON body (none for a
 * GET) and the credentials. {@link #toString()} shows neither the body (customer data) nor the credentials, nor the
 * URL's query (it may hold a token).
 *
 * @param method the enum, not its name: the HTTP producer reads the method header as {@link HttpMethods}
 */
public record EngineRequest(HttpMethods method, String url, String json, EngineAuth auth) {

    public EngineRequest {
        auth = auth == null ? EngineAuth.NONE : auth;
    }

    static EngineRequest post(String url, String json, EngineAuth auth) {
        return new EngineRequest(HttpMethods.POST, url, json, auth);
    }

    static EngineRequest get(String url, EngineAuth auth) {
        return new EngineRequest(HttpMethods.GET, url, null, auth);
    }

    @Override
    public String toString() {
        int query = url.indexOf('?');
        return "EngineRequest[" + method + " " + (query < 0 ? url : url.substring(0, query)) + ", " + auth.describe()
                + "]";
    }
}
