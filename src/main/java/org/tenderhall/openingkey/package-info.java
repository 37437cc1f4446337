/**
 * Opening keys and their certificates, below tender, bid and opening: {@link org.tenderhall.openingkey.OpeningCertificates}
 * issues a tender's opening certificate at publication (and an opening's one-time transport certificate), with the
 * private key kept only wrapped under the platform's key-encryption key ({@link org.tenderhall.openingkey.KeyEncryptionKey})
 * or split among custodians; {@link org.tenderhall.openingkey.Custodians} keeps the custody a draft asks for and each
 * custodian's share. It knows nothing of a tender's state or of the opening time: unlocking the key at the opening,
 * and the hand-ins then, are the opening's ({@code org.tenderhall.opening}).
 */
package org.tenderhall.openingkey;
