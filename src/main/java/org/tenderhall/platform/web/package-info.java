/**
 * HTTP plumbing shared by every capability: the request id carried on every request and response, the bounds on
 * what one account or address can hold with commands ({@code CommandBounds}), request bodies read strictly
 * ({@code StrictJson}), the public metrics kept free of anything that counts bids ({@code PublicMetrics}), the
 * security headers of every response, and the refusal of cross-site state changes signed in by the session cookie
 * ({@code CrossSiteRequests}).
 */
package org.tenderhall.platform.web;
