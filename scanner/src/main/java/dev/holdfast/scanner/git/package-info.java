/** Git sources: full history and push ranges read straight from the object database, and blame attribution. */
package dev.holdfast.scanner.git;
