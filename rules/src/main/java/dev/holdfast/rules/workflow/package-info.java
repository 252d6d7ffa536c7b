/** GitHub Actions workflows: static cloud keys instead of OIDC, over-broad tokens, pwn-request checkouts. */
package dev.holdfast.rules.workflow;
