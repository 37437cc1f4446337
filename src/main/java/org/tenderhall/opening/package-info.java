/**
 * The opening (开标): each tender's opening key and its custody, decryption at the opening time and not a
 * second before, the opening record, the live opening hall.
 */
package org.tenderhall.opening;
