package org.tenderhall.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryTextInProblemsTest {

    @Test
    void a_qualified_class_name_or_an_exception_name_in_a_problem_is_found() {
        assertThat(LibraryTextInProblems.javaClassNames("""
                {"detail": "java.security.NoSuchAlgorithmException: no such algorithm: 1.2.840.113549.1.1.10",
                 "errors": [{"field": "x", "message": "org.bouncycastle.cms.CMSException wrapped"}]}"""))
                .containsExactly("java.security.NoSuchAlgorithmException", "org.bouncycastle.cms.CMSException");
        assertThat(LibraryTextInProblems.javaClassNames("{\"title\": \"Oops\", \"detail\": \"NullPointerException\"}"))
                .containsExactly("NullPointerException");
    }

    @Test
    void the_platforms_own_words_are_not_taken_for_class_names() {
        assertThat(LibraryTextInProblems.javaClassNames("""
                {"title": "Internal error", "detail": "The body is over tenderhall.bid.max-size (2G): see \
                https://tenderhall.org/problems/bid-too-large and keys/demo/platform/tsa.p12. Error 42.",
                 "errors": [{"field": "values.bidDeadline", "message": "must be after 2026-12-01T02:00:00Z"}]}"""))
                .isEmpty();
    }
}
