/** Hostile repositories, configs and faults driven through the real CLI: nothing leaks, nothing hangs, nothing lies. */
package dev.holdfast.cli.hardening;
