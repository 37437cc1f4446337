package org.tenderhall.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 time-stamping authority reached over HTTP ({@code application/timestamp-query}), used instead of the
 * platform's own TSA when {@code tenderhall.timestamp.url} is set. Every answer is checked against its request:
 * granted, the same digest, the same nonce.
 */
final class ExternalTsa {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI url;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** @param credentials {@code user:password} for HTTP Basic, or null */
    ExternalTsa(URI url, String credentials) {
        this.url = url;
        this.authorization = credentials == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    TimeStampToken stamp(byte[] sha256) throws TSPException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, sha256,
                new BigInteger(63, RANDOM));
        try {
            HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()));
            if (authorization != null) {
                post.header("Authorization", authorization);
            }
            HttpResponse<byte[]> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new TSPException("the TSA at " + url + " answered HTTP " + answer.statusCode());
            }
            TimeStampResponse response = new TimeStampResponse(answer.body());
            response.validate(request); // granted, same imprint, same nonce, token present
            if (response.getTimeStampToken() == null) {
                throw new TSPException("the TSA at " + url + " granted no token: " + response.getStatusString());
            }
            return response.getTimeStampToken();
        } catch (IOException e) {
            throw new TSPException("the TSA at " + url + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TSPException("interrupted while asking the TSA at " + url, e);
        }
    }
}
