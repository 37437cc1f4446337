/** Persistence of tenders, their document versions, registrations and clarifications. */
package org.tenderhall.tender.store;
