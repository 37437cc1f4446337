/**
 * HTTP plumbing shared by every capability: the request id carried on every request and response, the bounds on
 * what one account or address can hold with commands ({@code CommandBounds}), and the public metrics kept free of
 * anything that counts bids ({@code PublicMetrics}).
 */
package org.tenderhall.platform.web;
