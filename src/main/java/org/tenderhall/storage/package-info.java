/**
 * Blob storage on the local file system: uploads in progress, then content-addressed files named by their SHA-256,
 * each made durable (fsync, atomic rename, fsync of the directory) before a database row may point at it.
 */
package org.tenderhall.storage;
