/** Property tests: every report writer given hostile strings still writes valid, control-free output. */
package dev.holdfast.reports.hardening;
