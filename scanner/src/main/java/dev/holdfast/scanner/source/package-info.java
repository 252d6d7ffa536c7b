/**
 * Where documents come from: a working tree, a whole history or a range of commits, each read under the same rules
 * (size cap, {@code paths.ignore}, git's binary test) and a history walked once per run.
 */
package dev.holdfast.scanner.source;
