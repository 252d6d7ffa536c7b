/** Regex safety and fuzzing of every detector with hostile text. */
package dev.holdfast.rules.hardening;
