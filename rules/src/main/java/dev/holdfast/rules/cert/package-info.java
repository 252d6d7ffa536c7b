/** Certificates in PEM, DER and readable keystores: expired, expiring soon, or valid for too long. */
package dev.holdfast.rules.cert;
