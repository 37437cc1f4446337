package org.tenderhall.kernel;

/** One invalid input: the path of the field in the request ({@code members[2].code}) and what is wrong. */
public record FieldError(String field, String message) {
}
