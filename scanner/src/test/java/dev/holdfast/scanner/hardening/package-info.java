/** Property-based tests: config, baseline and cloud snapshot parsers fail only with their own one-line exception. */
package dev.holdfast.scanner.hardening;
