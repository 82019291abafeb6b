package dev.explorer.vocab.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.vocab.Concept;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatDescriptorsTest {

    MockWebServer server;
    ChatDescriptors gen;
    final ObjectMapper json = new ObjectMapper();
    final Concept duck = Concept.user("duck");

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(0);
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
        gen = new ChatDescriptors(server.url("/v1").toString(), "tiny-model", "secret", 3, 0, client);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void reply(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    static String chat(String content) {
        return "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + new ObjectMapper().valueToTree(content) + "},\"finish_reason\":\"stop\"}]}";
    }

    @Test
    void sendsTheFewShotPromptAndCutsAtPunctuation() throws Exception {
        reply(200, chat(" Fluffy, white and small."));
        assertEquals("fluffy", gen.descriptor(duck, new Random(1)));
        RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", req.getMethod());
        assertEquals("/v1/chat/completions", req.getUrl().encodedPath());
        assertEquals("Bearer secret", req.getHeaders().get("Authorization"));
        JsonNode body = json.readTree(req.getBody().utf8());
        assertEquals("tiny-model", body.path("model").asText());
        String prompt = body.path("messages").path(1).path("content").asText();
        assertTrue(prompt.startsWith("What are some words that describe the quality of \"duck\"?\nThe duck is frail.\n"), prompt);
        assertTrue(prompt.endsWith("The duck is"), prompt);
    }

    @Test
    void resamplesWhenTheReplyRepeatsTheConceptOrIsEmpty() throws Exception {
        reply(200, chat("Duck."));
        reply(200, chat("!!!"));
        reply(200, chat("baby\nThe duck is yellow."));
        assertEquals("baby", gen.descriptor(duck, new Random(1)));
        assertEquals(3, server.getRequestCount());
        assertEquals("baby duck", queryAfter(chat("baby")));
    }

    private String queryAfter(String body) {
        reply(200, body);
        return gen.query(duck, new Random(2));
    }

    @Test
    void givesUpWithNoDescriptorWhenEveryReplyRepeats() {
        for (int i = 0; i < 3; i++) {
            reply(200, chat("a duck"));
        }
        assertEquals("", gen.descriptor(duck, new Random(1)));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void retriesServerErrorsAndRateLimits() {
        reply(503, "{\"error\":{\"message\":\"overloaded\"}}");
        reply(429, "slow down");
        reply(200, chat("tiny"));
        assertEquals("tiny", gen.descriptor(duck, new Random(1)));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void clientErrorsFailAtOnceWithStatusAndFix() {
        reply(401, "{\"error\":{\"message\":\"Invalid API key\"}}");
        DescriptorException e = assertThrows(DescriptorException.class, () -> gen.descriptor(duck, new Random(1)));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("Invalid API key")
                && e.getMessage().contains(ChatDescriptors.API_KEY_ENV), e.getMessage());
        assertEquals(1, server.getRequestCount(), "a 401 is not retried");

        reply(404, "not here");
        e = assertThrows(DescriptorException.class, () -> gen.descriptor(duck, new Random(1)));
        assertTrue(e.getMessage().contains("vocab.descriptorEndpoint"), e.getMessage());
    }

    @Test
    void persistentServerErrorsAndBadJsonFail() {
        for (int i = 0; i < 3; i++) {
            reply(500, "boom");
        }
        DescriptorException e = assertThrows(DescriptorException.class, () -> gen.descriptor(duck, new Random(1)));
        assertEquals(500, e.status());
        assertEquals(3, server.getRequestCount());

        reply(200, "<html>not json</html>");
        e = assertThrows(DescriptorException.class, () -> gen.descriptor(duck, new Random(1)));
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
        reply(200, "{\"choices\":[]}");
        e = assertThrows(DescriptorException.class, () -> gen.descriptor(duck, new Random(1)));
        assertTrue(e.getMessage().contains("choices[0].message.content"), e.getMessage());
    }

    @Test
    void cutAndRepeatRules() {
        assertEquals("baby", ChatDescriptors.cut("Baby."));
        assertEquals("dark brown", ChatDescriptors.cut("  dark   brown; very"));
        assertEquals("", ChatDescriptors.cut("..."));
        assertTrue(ChatDescriptors.repeats("ducks", "duck", java.util.Set.of("duck")));
        assertTrue(ChatDescriptors.repeats("golden", "golden retriever", java.util.Set.of("golden", "retriever")));
        assertTrue(!ChatDescriptors.repeats("baby", "duck", java.util.Set.of("duck")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ChatDescriptors("not a url", "m", null, 1, 0, new OkHttpClient()));
        assertTrue(bad.getMessage().contains("vocab.descriptorEndpoint"));
        ChatDescriptors full = new ChatDescriptors(server.url("/api/chat/completions").toString(), "m", null, 1, 0,
                new OkHttpClient());
        assertEquals("/api/chat/completions", full.url().encodedPath());
    }
}
