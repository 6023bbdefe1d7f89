package dev.omnibridge.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The bridge's one configured JSON mapper (thread-safe once built). Files written by an older release (journal
 * entries, dead letters) and answers from Omnidesk or an engine may carry fields this release does not know: what
 * is known is read, the rest ignored. The sandbox keeps its own (a fake must not share the client's code), and the
 * webhook parser its own lenient reader.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}
}
