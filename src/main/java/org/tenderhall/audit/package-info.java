/**
 * The audit log: one append-only event per state-changing command, written in the command's own transaction,
 * in one global order, each a leaf of an RFC 6962 Merkle log (leaf hash = SHA-256(0x00 || canonical bytes)).
 */
package org.tenderhall.audit;
