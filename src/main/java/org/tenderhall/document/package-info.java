/**
 * Documents as PDF/A-3b: XHTML rendered with the CJK font embedded as a subset, the machine-readable JSON
 * attached inside ({@link org.tenderhall.document.PdfDocuments}), and the platform's PAdES signature, baseline
 * B-T, with an RFC 3161 timestamp, saved incrementally so the PDF/A bytes stay as they were
 * ({@link org.tenderhall.document.PadesSigner}). {@link org.tenderhall.document.PlatformDocuments} does both for
 * the platform's documents, with its signing key and its timestamps.
 */
package org.tenderhall.document;
