/**
 * HTTP plumbing shared by every capability: the request id carried on every request and response, the security
 * headers of every response, and the refusal of cross-site state changes signed in by the session cookie.
 */
package org.tenderhall.platform.web;
