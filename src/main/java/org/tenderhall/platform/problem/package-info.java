/**
 * Rejections as RFC 9457 {@code application/problem+json}: a stable {@code type} URI per kind, mapped in one
 * place ({@link org.tenderhall.platform.problem.ProblemMappers}), never a stack trace.
 */
package org.tenderhall.platform.problem;
