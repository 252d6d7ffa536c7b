/** The built-in secret rule catalogue (YAML data), its loader and the keyword + pattern + entropy detector. */
package dev.holdfast.rules.catalogue;
