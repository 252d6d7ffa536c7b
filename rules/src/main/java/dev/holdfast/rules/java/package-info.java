/** Java source through JavaParser: literal credentials in credential APIs and credential-named declarations. */
package dev.holdfast.rules.java;
