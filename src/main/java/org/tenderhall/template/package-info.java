/**
 * Typed tender document templates (电子招标文件范本) from {@code bid-templates/}: the fields an agent fills in,
 * their rules, the evaluation method, the bid manifest and the document body.
 */
package org.tenderhall.template;
