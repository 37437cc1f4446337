/** Identity rules in plain Java: roles, the credit code check (GB 32100-2015), password hashes, actors. */
package org.tenderhall.identity.domain;
