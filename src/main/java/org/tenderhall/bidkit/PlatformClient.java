package org.tenderhall.bidkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The few calls bidkit makes to the platform, over HTTP/1.1, signed in with HTTP Basic or a bearer token. */
final class PlatformClient {

    private static final JsonFactory JSON = new JsonFactory();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL).build();

    PlatformClient(URI base, String authorization) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.authorization = authorization;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** POST JSON; the answer's body (2xx), or the refusal. */
    String postJson(String path, String json) throws IOException, PlatformRefusal {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String post(String path) throws IOException, PlatformRefusal {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    String delete(String path) throws IOException, PlatformRefusal {
        return send(request(path).DELETE());
    }

    String get(String path) throws IOException, PlatformRefusal {
        return send(request(path).GET());
    }

    /** GET bytes (a certificate, a key envelope); the refusal otherwise. */
    byte[] getBytes(String path) throws IOException, PlatformRefusal {
        try {
            HttpResponse<byte[]> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw refusal(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** POST bytes of {@code contentType}; the answer's body (2xx), or the refusal. */
    String postBytes(String path, byte[] body, String contentType) throws IOException, PlatformRefusal {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The {@code Upload-Offset} of an upload: what the platform holds. */
    long offset(String upload) throws IOException, PlatformRefusal {
        HttpResponse<String> response = exchange(request("api/bids/uploads/" + upload)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200) {
            throw new PlatformRefusal(response.statusCode(), response.statusCode() == 404 ? "not-found" : "error",
                    "upload " + upload + " answered HTTP " + response.statusCode());
        }
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElse("0"));
    }

    /**
     * Sends the file's bytes from {@code offset} to its end; the new {@code Upload-Offset}.
     *
     * @param reading wraps the stream the bytes are sent from (bidkit counts them for its progress)
     */
    long patch(String upload, Path file, long offset, UnaryOperator<InputStream> reading)
            throws IOException, PlatformRefusal {
        long length = Files.size(file) - offset;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> reading.apply(from(file, offset))), length);
        HttpResponse<String> response = exchange(request("api/bids/uploads/" + upload)
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", Long.toString(offset))
                .timeout(Duration.ofHours(6)).method("PATCH", body));
        if (response.statusCode() != 204) {
            throw refusal(response);
        }
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static InputStream from(Path file, long offset) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return in;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private String send(HttpRequest.Builder request) throws IOException, PlatformRefusal {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            throw refusal(response);
        }
        return response.body();
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static PlatformRefusal refusal(HttpResponse<String> response) {
        return refusal(response.statusCode(), response.body());
    }

    private static PlatformRefusal refusal(int status, String body) {
        Map<String, String> problem = fields(body);
        String type = problem.getOrDefault("type", "");
        String slug = type.isEmpty() ? "http-" + status : type.substring(type.lastIndexOf('/') + 1);
        return new PlatformRefusal(status, slug, problem.getOrDefault("detail", "HTTP " + status));
    }

    /** The top-level string and number fields of a JSON object (enough for problems and views). */
    static Map<String, String> fields(String json) {
        Map<String, String> fields = new HashMap<>();
        if (json == null || json.isBlank()) {
            return fields;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else {
                    fields.put(name, parser.getValueAsString());
                }
            }
        } catch (IOException e) {
            return fields;
        }
        return fields;
    }

    static Optional<String> field(String json, String name) {
        return Optional.ofNullable(fields(json).get(name));
    }
}
