/** Builds git repositories from scenarios described as data (authors, dates, files, trailers), for the demo and tests. */
package dev.holdfast.scanner.scenario;
