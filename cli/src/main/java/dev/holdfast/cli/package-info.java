/** The `holdfast` command: parses arguments, wires the modules, prints, and sets the exit code. */
package dev.holdfast.cli;
