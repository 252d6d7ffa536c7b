/** The finding model shared by every stage: what was found, where, by whom, and how it relates to the baseline. */
package dev.holdfast.rules.model;
