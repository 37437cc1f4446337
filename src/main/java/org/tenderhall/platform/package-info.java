/**
 * What every capability stands on: the time source, the database (embedded by default), the platform's own keys,
 * request ids and the one place where rejections become RFC 9457 problem responses.
 */
package org.tenderhall.platform;
