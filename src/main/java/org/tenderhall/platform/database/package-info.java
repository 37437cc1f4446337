/**
 * The embedded PostgreSQL default: started only when no datasource URL is configured, its data kept under
 * {@code ./data/pg}, stopped on shutdown. With {@code QUARKUS_DATASOURCE_JDBC_URL} set nothing here runs.
 */
package org.tenderhall.platform.database;
