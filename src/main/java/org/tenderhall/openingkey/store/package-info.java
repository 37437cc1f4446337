/** Opening keys, the custody a draft asks for, and the custodians with their shares (tables {@code opening_key}, {@code opening_custody}, {@code opening_custodian}). */
package org.tenderhall.openingkey.store;
