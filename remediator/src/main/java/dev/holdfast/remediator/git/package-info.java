/** Git plumbing for remediation: reading blobs, re-applying a fix commit, writing a branch without a checkout. */
package dev.holdfast.remediator.git;
