/** Azure posture rules over a normalised snapshot, and the built-in Azure roles they and the IaC detectors share. */
package dev.holdfast.rules.cloud.azure;
