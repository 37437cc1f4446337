package org.tenderhall.platform.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No library or exception text reaches a client: every problem response any {@code @QuarkusTest} of the suite
 * receives through RestAssured is scanned for Java class names in its {@code title}, {@code detail} and
 * {@code errors[].message}, and the test that received one fails there. Registered for every Quarkus test class
 * in {@code META-INF/services}.
 */
public final class LibraryTextInProblems implements QuarkusTestBeforeClassCallback, Filter {

    /** A qualified class name ({@code java.security.NoSuchAlgorithmException}), or an exception's simple name. */
    private static final Pattern JAVA_CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*\\b|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Filter SCAN = new LibraryTextInProblems();

    @Override
    public void beforeClass(Class<?> testClass) {
        if (!RestAssured.filters().contains(SCAN)) {
            RestAssured.filters(SCAN);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Response received = context.next(request, response);
        String contentType = received.getContentType();
        if (contentType != null && contentType.startsWith("application/problem+json")) {
            List<String> found = javaClassNames(received.asString());
            if (!found.isEmpty()) {
                throw new AssertionError("The problem answering " + request.getMethod() + " " + request.getURI()
                        + " shows Java class names " + found + " to the client: " + received.asString());
            }
        }
        return received;
    }

    /** The Java class names in a problem body's human texts. */
    static List<String> javaClassNames(String problemJson) {
        JsonNode problem;
        try {
            problem = JSON.readTree(problemJson);
        } catch (IOException e) {
            throw new AssertionError("A problem response that is not JSON: " + problemJson, e);
        }
        List<String> texts = new ArrayList<>(List.of(problem.path("title").asText(), problem.path("detail").asText()));
        problem.path("errors").forEach(error -> texts.add(error.path("message").asText()));
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            Matcher name = JAVA_CLASS_NAME.matcher(text);
            while (name.find()) {
                found.add(name.group());
            }
        }
        return found;
    }
}
