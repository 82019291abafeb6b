package dev.explorer.agent.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A self-hosted clip-retrieval /knn-service: a bare JSON array answer, no paging. */
class ClipRetrievalEngineTest {
    static String results(int from, int to) {
        StringBuilder b = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            b.append(i > from ? "," : "").append("{\"id\":").append(i).append(",\"similarity\":0.3,\"url\":\"https://x.org/")
                    .append(i).append(".jpg\",\"caption\":\"a fox ").append(i).append("\"}");
        }
        return b.append("]").toString();
    }

    private EngineServer s;

    @BeforeEach
    void start() throws Exception {
        s = new EngineServer();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private ClipRetrievalEngine engine() {
        return new ClipRetrievalEngine(s.url("/knn-service"), "laion5B-L-14", 1 << 20, EngineServer.UA,
                s.policy("clip-retrieval", List.of()), List.of());
    }

    @Test
    void normalPageSendsTheRequiredFields() throws Exception {
        s.json(200, results(0, 10));
        try (ClipRetrievalEngine e = engine()) {
            SearchPage p = e.search("red fox", 10, 0);
            assertEquals(10, p.hits().size());
            assertEquals("a fox 3", p.hits().get(3).caption());
            assertEquals("clip-retrieval", p.hits().get(3).engine());
        }
        RecordedRequest r = s.take();
        assertEquals("POST", r.getMethod());
        JsonNode body = new ObjectMapper().readTree(r.getBody().utf8());
        assertEquals("text", body.get("modality").asText());
        assertEquals(10, body.get("num_images").asInt());
        assertEquals("laion5B-L-14", body.get("indice_name").asText());
        assertEquals("red fox", body.get("text").asText());
    }

    @Test
    void laterPageAsksForMoreAndKeepsTheTailAndAShortAnswerIsTheLast() throws Exception {
        s.json(200, results(0, 14));
        try (ClipRetrievalEngine e = engine()) {
            SearchPage p = e.search("fox", 10, 1);
            assertEquals(4, p.hits().size(), "results 10..13: the index had only 14");
        }
        assertEquals(20, new ObjectMapper().readTree(s.take().getBody().utf8()).get("num_images").asInt());
    }

    @Test
    void errorQuotaAndMalformed() throws Exception {
        s.json(400, "{\"error\":\"bad indice_name\"}");
        s.quota(503, null);
        s.json(200, "[]");
        s.json(200, "{\"error\":\"oops\"}");
        try (ClipRetrievalEngine e = engine()) {
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 10, 0)).getMessage().contains("HTTP 400"));
            assertEquals(0, e.search("fox", 10, 0).hits().size(), "503 retried; [] = nothing matches");
            assertEquals(1, s.waits.size());
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 10, 0)).getMessage().contains("malformed: error oops"));
        }
    }
}
