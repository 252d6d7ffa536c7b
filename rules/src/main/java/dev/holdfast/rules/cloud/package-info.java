/** The cloud model (a normalised snapshot of one account or tenant) and the cloud rules over it, as data. */
package dev.holdfast.rules.cloud;
