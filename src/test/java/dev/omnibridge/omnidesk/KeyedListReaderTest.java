package dev.omnibridge.omnidesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedListReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("article_id").asLong()).toList();
    }

    @Test
    void keyedObjectListOrderedNumerically() throws Exception {
        JsonNode root = json("""
                {"10": {"kb_article": {"article_id": 110}},
                 "0": {"kb_article": {"article_id": 100}},
                 "2": {"kb_article": {"article_id": 102}},
                 "1": {"kb_article": {"article_id": 101}},
                 "total_count": 42}""");

        assertThat(ids(KeyedListReader.items(root, "kb_article"))).containsExactly(100L, 101L, 102L, 110L);
        assertThat(KeyedListReader.totalCount(root)).isEqualTo(42);
    }

    @Test
    void emptyListQuirks() throws Exception {
        assertThat(KeyedListReader.items(json("{\"kb_article\": []}"), "kb_article")).isEmpty();
        assertThat(KeyedListReader.totalCount(json("{\"kb_article\": []}"))).isZero();
        assertThat(KeyedListReader.items(json("{\"case\": []}"), "case")).isEmpty();
        assertThat(KeyedListReader.items(json("{\"total_count\": 0}"), "kb_article")).isEmpty();
        assertThat(KeyedListReader.items(json("[]"), "kb_article")).isEmpty();
        assertThat(KeyedListReader.items(null, "kb_article")).isEmpty();
        assertThat(KeyedListReader.items(json("null"), "kb_article")).isEmpty();
    }

    @Test
    void realArraysOfWrappersOrBareObjects() throws Exception {
        assertThat(ids(KeyedListReader.items(json("""
                [{"kb_article": {"article_id": 1}}, {"article_id": 2}, 7, null, {"kb_article": []}]"""),
                "kb_article"))).containsExactly(1L, 2L);
        assertThat(KeyedListReader.totalCount(json("[{}, {}]"))).isEqualTo(2);
    }

    @Test
    void ignoresTotalCountAndNonObjectEntries() throws Exception {
        JsonNode root = json("""
                {"0": {"kb_article": {"article_id": 1}}, "1": "oops", "2": [], "note": {"article_id": 9},
                 "3": {"article_id": 3}, "total_count": "2"}""");

        assertThat(ids(KeyedListReader.items(root, "kb_article"))).containsExactly(1L, 3L);
        assertThat(KeyedListReader.totalCount(root)).isEqualTo(2);
    }

    @Test
    void totalCountFallsBackToThePageSize() throws Exception {
        assertThat(KeyedListReader.totalCount(json("{\"0\": {}, \"1\": {}}"))).isEqualTo(2);
    }

    @Test
    void singleWrappedObject() throws Exception {
        assertThat(ids(KeyedListReader.items(json("{\"kb_article\": {\"article_id\": 5}}"), "kb_article")))
                .containsExactly(5L);
    }
}
