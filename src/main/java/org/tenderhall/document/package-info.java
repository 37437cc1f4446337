/**
 * Documents as PDF/A-3b: XHTML rendered with the CJK font embedded as a subset, the machine-readable JSON
 * attached inside, and (to come) the platform's PAdES signature with a timestamp.
 */
package org.tenderhall.document;
