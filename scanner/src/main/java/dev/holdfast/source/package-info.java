/** Where documents come from: a working tree (git-aware or plain), and the checks applied before reading them. */
package dev.holdfast.source;
