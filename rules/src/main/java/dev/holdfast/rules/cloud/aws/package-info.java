/** AWS posture rules over a normalised snapshot: keys, trust, sessions, administrative and escalation grants. */
package dev.holdfast.rules.cloud.aws;
