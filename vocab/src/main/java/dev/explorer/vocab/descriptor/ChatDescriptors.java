package dev.explorer.vocab.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.explorer.vocab.Concept;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Descriptors from any OpenAI-compatible chat-completions endpoint the user configures (a local
 * llama.cpp or vLLM server, or a hosted one). Sends the paper's few-shot prompt, keeps the reply
 * up to its first punctuation mark, and asks again when the reply is empty, too long or just
 * repeats the concept. Rate limits and server errors are retried with backoff; other HTTP errors
 * fail at once with the status and the server's message.
 */
public final class ChatDescriptors implements DescriptorGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ChatDescriptors.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** Environment variable read for the bearer token; unset = no Authorization header. */
    public static final String API_KEY_ENV = "EXPLORER_DESCRIPTOR_API_KEY";
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{Punct}\\n\\r]");

    /**
     * The paper's few-shot completion prompt for GPT-J (Li et al. 2023, appendix), with the concept
     * substituted for {@code %s}; a chat model gets it as the user message.
     */
    public static final String PROMPT = "What are some words that describe the quality of \"%1$s\"?\n"
            + "The %1$s is frail.\n"
            + "The %1$s is red.\n"
            + "The %1$s is humongous.\n"
            + "The %1$s is tall.\n"
            + "The %1$s is";
    private static final String SYSTEM = "Continue the text with exactly one word.";

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String model;
    private final String apiKey;
    private final int attempts;
    private final long backoffMillis;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param endpoint base URL ({@code http://host:8080/v1}) or the full {@code .../chat/completions} URL
     * @param apiKey   bearer token, or null
     * @param attempts how many replies to ask for per concept before giving up (also HTTP retries)
     */
    public ChatDescriptors(String endpoint, String model, String apiKey, int attempts, long backoffMillis,
                           OkHttpClient http) {
        HttpUrl base = endpoint == null ? null : HttpUrl.parse(endpoint.trim());
        if (base == null) {
            throw new IllegalArgumentException("vocab.descriptorEndpoint '" + endpoint
                    + "' is not an http(s) URL; set it to an OpenAI-compatible base URL such as http://localhost:8080/v1");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("vocab.descriptorModel is empty; set it to a model the endpoint serves");
        }
        String path = base.encodedPath();
        this.url = path.endsWith("/chat/completions") ? base
                : base.newBuilder().addPathSegments("chat/completions").build();
        this.model = model;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.attempts = Math.max(1, attempts);
        this.backoffMillis = backoffMillis;
        this.http = http;
    }

    /** With a default client (10 s connect, 60 s read), 3 attempts and the key from {@value #API_KEY_ENV}. */
    public static ChatDescriptors create(String endpoint, String model) {
        OkHttpClient client = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60)).build();
        return new ChatDescriptors(endpoint, model, System.getenv(API_KEY_ENV), 3, 1000, client);
    }

    public HttpUrl url() {
        return url;
    }

    @Override
    public String descriptor(Concept concept, Random rng) {
        String lemma = concept.lemma();
        Set<String> lemmaWords = Set.of(lemma.toLowerCase(Locale.ROOT).split("[\\s-]+"));
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String reply = complete(String.format(Locale.ROOT, PROMPT, lemma), rng.nextInt(Integer.MAX_VALUE));
            String d = cut(reply);
            if (d.isEmpty() || d.split(" ").length > 3) {
                LOG.debug("Descriptor reply '{}' for '{}' is unusable; asking again", reply, lemma);
                continue;
            }
            if (repeats(d, lemma, lemmaWords)) {
                LOG.debug("Descriptor '{}' repeats the concept '{}'; asking again", d, lemma);
                continue;
            }
            return d;
        }
        return "";
    }

    /** The reply up to its first punctuation mark or line break, trimmed and lower-cased. */
    static String cut(String reply) {
        if (reply == null) {
            return "";
        }
        String s = reply.strip();
        var m = PUNCTUATION.matcher(s);
        if (m.find()) {
            s = s.substring(0, m.start());
        }
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static boolean repeats(String descriptor, String lemma, Set<String> lemmaWords) {
        String l = lemma.toLowerCase(Locale.ROOT);
        if (descriptor.equals(l) || l.contains(descriptor) || descriptor.contains(l)) {
            return true;
        }
        for (String w : descriptor.split(" ")) {
            if (lemmaWords.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** One chat completion; retries 429 and 5xx. */
    String complete(String prompt, int seed) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", prompt);
        body.put("max_tokens", 8);
        body.put("temperature", 1.0);
        body.put("seed", seed);
        Request.Builder req = new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON));
        if (apiKey != null) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        Request request = req.build();
        DescriptorException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Response response = http.newCall(request).execute()) {
                ResponseBody rb = response.body();
                String text = rb == null ? "" : rb.string();
                int code = response.code();
                if (response.isSuccessful()) {
                    return content(text);
                }
                last = new DescriptorException(message(code, text), code, null);
                if (code != 429 && code < 500) {
                    throw last;
                }
                LOG.warn("Descriptor endpoint {} answered {} (attempt {} of {})", url, code, attempt, attempts);
            } catch (IOException e) {
                last = new DescriptorException("Descriptor endpoint " + url + " did not answer: " + e.getMessage()
                        + "; check vocab.descriptorEndpoint and that the server is running", -1, e);
                LOG.warn("Descriptor endpoint {} failed (attempt {} of {}): {}", url, attempt, attempts, e.toString());
            }
            sleep(backoffMillis * (1L << (attempt - 1)));
        }
        throw last;
    }

    private String content(String text) {
        try {
            JsonNode root = json.readTree(text);
            JsonNode content = root.path("choices").path(0).path("message").path("content");
            if (content.isMissingNode() || content.isNull()) {
                // some servers answer in the completions shape even on this route
                content = root.path("choices").path(0).path("text");
            }
            if (!content.isTextual()) {
                throw new DescriptorException("Descriptor endpoint " + url + " answered without choices[0].message.content: "
                        + snippet(text), 200, null);
            }
            return content.asText();
        } catch (IOException e) {
            throw new DescriptorException("Descriptor endpoint " + url + " answered with invalid JSON: " + snippet(text), 200, e);
        }
    }

    private String message(int code, String body) {
        String fix = switch (code) {
            case 401, 403 -> "set " + API_KEY_ENV + " to a valid key for this endpoint";
            case 404 -> "check vocab.descriptorEndpoint (an OpenAI-compatible base URL ending in /v1) and vocab.descriptorModel";
            case 400, 422 -> "check that vocab.descriptorModel names a chat model this endpoint serves";
            case 429 -> "the endpoint is rate-limiting; retry later or use vocab.descriptors=wordnet";
            default -> "the server failed; retry later or use vocab.descriptors=wordnet";
        };
        String detail = body;
        try {
            JsonNode err = json.readTree(body).path("error");
            if (err.isTextual()) {
                detail = err.asText();
            } else if (err.path("message").isTextual()) {
                detail = err.path("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: show the raw text
        }
        return "Descriptor endpoint " + url + " answered HTTP " + code + ": " + snippet(detail) + "; " + fix;
    }

    private static String snippet(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DescriptorException("Interrupted while waiting to retry the descriptor endpoint", -1, e);
        }
    }
}
