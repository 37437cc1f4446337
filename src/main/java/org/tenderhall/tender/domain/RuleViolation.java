package org.tenderhall.tender.domain;

/** A broken rule of the procedure, with the path of the field that breaks it. */
public record RuleViolation(String field, String message) {
}
