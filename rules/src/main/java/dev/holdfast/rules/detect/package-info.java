/** The detector contract: documents in, detections out; no git, no network, no output. */
package dev.holdfast.rules.detect;
