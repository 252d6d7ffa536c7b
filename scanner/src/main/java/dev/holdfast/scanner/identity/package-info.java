/** Who is behind a commit (human, bot or AI agent, and for whom an agent acted) or a cloud principal, from patterns kept as data. */
package dev.holdfast.scanner.identity;
