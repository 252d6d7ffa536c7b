/** Local cloud API servers for tests, replaying recorded-format fixtures over real HTTP(S). */
package dev.holdfast.cli.cloud;
