/** What to write instead of a secret: the reference a fix, the repository or the provider's convention names. */
package dev.holdfast.remediator.advice;
