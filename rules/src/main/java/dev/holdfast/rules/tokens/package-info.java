/** Structural checks of matched tokens (checksums, encodings, embedded structure), declared by name in rule files. */
package dev.holdfast.rules.tokens;
