/** HTTP plumbing shared by every capability: the request id carried on every request and response. */
package org.tenderhall.platform.web;
