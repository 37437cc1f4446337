/**
 * Accounts, organisations, roles and the two authentication modes: {@code embedded} (accounts in the
 * database, HTTP Basic and a login form) and {@code oidc} (Keycloak bearer tokens). Both yield the same
 * roles and an organisation identified by its unified social credit code.
 */
package org.tenderhall.identity;
