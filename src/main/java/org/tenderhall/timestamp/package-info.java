/**
 * The platform's RFC 3161 time-stamping authority: tokens that bind a digest to the platform's time, signed
 * with its TSA key. Receipts and signed documents carry them; anyone can check them with {@code openssl ts}.
 */
package org.tenderhall.timestamp;
