/** Who is behind a commit: human, bot or AI agent (and for whom an agent acted), from patterns kept as data. */
package dev.holdfast.identity;
