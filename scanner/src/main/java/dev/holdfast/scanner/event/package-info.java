/** GitHub Actions event payloads: which event asks to scan what. */
package dev.holdfast.scanner.event;
