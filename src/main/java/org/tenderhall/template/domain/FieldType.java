package org.tenderhall.template.domain;

/** The kinds of field a template may declare. Values arrive as JSON; decimals always as strings. */
public enum FieldType {
    /** One line of text. */
    TEXT,
    /** Paragraphs of text. */
    LONG_TEXT,
    /** Yuan with at most two decimals, as a string: {@code "12345678.90"}. */
    MONEY,
    /** 0 to 100 with at most two decimals, as a string: {@code "2.50"}. */
    PERCENTAGE,
    /** A whole number. */
    INTEGER,
    /** A calendar date: {@code "2027-01-10"}. */
    DATE,
    /** An instant with its offset: {@code "2027-01-10T10:00:00+08:00"}. */
    DATE_TIME,
    /** A number of days, at least one. */
    DURATION_DAYS,
    /** One of the field's options. */
    ENUMERATION,
    /** A unified social credit code (GB 32100-2015). */
    CREDIT_CODE,
    /** A list of qualification requirements, each a line of text. */
    QUALIFICATIONS
}
