/**
 * The audit log: one append-only event per state-changing command, written in the command's own transaction,
 * and one per refused command or failed sign-in, written in a transaction of its own: by the command itself when it
 * has more to say ({@link org.tenderhall.audit.AuditLog#refused}), else by {@link org.tenderhall.audit.RefusalTrail};
 * in one global order, each a leaf of an RFC 6962 Merkle log (leaf hash = SHA-256(0x00 || canonical bytes)).
 */
package org.tenderhall.audit;
