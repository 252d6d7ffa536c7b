/** What a push or a pull request brings: which commits to scan, decided on the clone as the CI runner has it. */
package dev.holdfast.scanner.push;
