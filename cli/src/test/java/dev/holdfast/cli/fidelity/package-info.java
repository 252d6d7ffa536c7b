/** The fix-fidelity benchmark: generated regression scenarios, kept as case folders, run through the real CLI. */
package dev.holdfast.cli.fidelity;
