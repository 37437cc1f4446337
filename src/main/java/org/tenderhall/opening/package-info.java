/**
 * The opening (开标) of each tender's bids, and nothing of it a second before the opening time. Each class has one
 * job: starting the opening, by the scheduler or at an agent's request, and the rule of three
 * ({@code OpeningStarts}); unlocking the opening key from its custody ({@code OpeningKeyCustody}), with the
 * custodians' shares and the bidders' content keys handed in at the opening ({@code KeyShareHandIns},
 * {@code ContentKeyHandIns}); proceeding with the openings under way ({@code OpeningJob},
 * {@code OpeningProceedings}) under a lease one instance holds at a time ({@code OpeningLeases}), each bid decrypted
 * into one line ({@code BidDecryption}, {@code OpeningLines}) and its package kept encrypted at rest
 * ({@code PackageVault}); completing the signed record ({@code OpeningCompletion}, {@code OpeningRecordDocument});
 * the bidders' confirmations and objections ({@code OpeningResponses}); the live opening hall ({@code OpeningHall}).
 *
 * <p>The opening keys and their certificates are {@code org.tenderhall.openingkey}'s; the tender is reached only
 * through {@link org.tenderhall.tender.TendersAtOpening}.
 */
package org.tenderhall.opening;
