/** Least-privilege suggestions from cloud activity turned into narrowings of the infrastructure code that grants them. */
package dev.holdfast.remediator.narrowing;
