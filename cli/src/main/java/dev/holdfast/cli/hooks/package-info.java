/** Git hooks and coding agents' hooks: installing them beside what is there, and answering an agent's hook call. */
package dev.holdfast.cli.hooks;
