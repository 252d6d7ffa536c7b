/**
 * What a commit or a push is about to add: the index against HEAD, git's pre-push updates, and the rule that a finding
 * the versions before the change already held is not new.
 */
package dev.holdfast.scanner.change;
