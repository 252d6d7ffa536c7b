/** The result of a scan, as every report and the remediator see it. */
package dev.holdfast.scanner.scan;
