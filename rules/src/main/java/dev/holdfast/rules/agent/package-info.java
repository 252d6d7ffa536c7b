/** Coding agents' own configuration (MCP servers, permission settings, agent workflows) read as grants and judged. */
package dev.holdfast.rules.agent;
