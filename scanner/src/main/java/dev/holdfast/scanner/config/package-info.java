/** The `.holdfast.yml` configuration: strict parsing, one-line errors, sections handed to their owners. */
package dev.holdfast.scanner.config;
