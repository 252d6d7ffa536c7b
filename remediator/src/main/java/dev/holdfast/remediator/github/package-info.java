/** Publishing fixes on GitHub through GitHub API for Java (hub4j): auth, rate limits, idempotent pull requests. */
package dev.holdfast.remediator.github;
