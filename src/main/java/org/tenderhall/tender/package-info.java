/**
 * Tenders (招标项目) and their life until the award: status and its transitions, the deadlines, registrations,
 * amendments and clarifications, the tender document. The rules that decide time and money are plain classes in
 * {@code domain}. The opening reaches a tender only through {@link org.tenderhall.tender.TendersAtOpening}.
 */
package org.tenderhall.tender;
