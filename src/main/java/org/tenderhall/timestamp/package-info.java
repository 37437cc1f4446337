/**
 * RFC 3161 timestamps, tokens that bind a digest to a time: the platform's own time-stamping authority, signed with
 * its TSA key (also served over HTTP to signed-in users, {@code /api/timestamp}), or an external TSA when
 * {@code tenderhall.timestamp.url} names one. Receipts and signed documents carry them; anyone can check them with
 * {@code openssl ts}.
 */
package org.tenderhall.timestamp;
