/** Template rules in plain Java: field types, field specifications and the validation of submitted values. */
package org.tenderhall.template.domain;
