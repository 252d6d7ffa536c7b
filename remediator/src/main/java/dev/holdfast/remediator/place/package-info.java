/** Re-applying a fix's own lines where the finding now is, when the file has moved on since the fix. */
package dev.holdfast.remediator.place;
