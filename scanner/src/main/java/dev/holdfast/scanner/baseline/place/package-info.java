/** Places: where a value sits in a file (its key path or assignment target), independent of line numbers. */
package dev.holdfast.scanner.baseline.place;
