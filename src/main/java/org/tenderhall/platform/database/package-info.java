/**
 * The database: the embedded PostgreSQL default, started only when no datasource URL is configured, its data kept
 * under {@code ./data/pg} with a superuser password of its own, stopped on shutdown (with
 * {@code QUARKUS_DATASOURCE_JDBC_URL} set none of that runs); and, on any database,
 * {@link org.tenderhall.platform.database.TransactionLock}, an advisory lock held until the transaction ends.
 */
package org.tenderhall.platform.database;
