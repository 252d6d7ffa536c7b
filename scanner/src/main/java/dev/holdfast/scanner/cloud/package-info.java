/** Cloud IAM snapshots, their evaluation into findings and their comparison with an earlier snapshot. */
package dev.holdfast.scanner.cloud;
