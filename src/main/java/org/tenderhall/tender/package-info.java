/**
 * Tenders (招标项目) and their life until the award: status and its transitions, the deadlines, amendments
 * and clarifications. The rules that decide time and money are plain classes in {@code domain}.
 */
package org.tenderhall.tender;
