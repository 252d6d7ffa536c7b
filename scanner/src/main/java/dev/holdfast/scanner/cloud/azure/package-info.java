/** Azure inventory through Azure Identity and azure-core (Microsoft Graph, ARM authorization) into a cloud snapshot. */
package dev.holdfast.scanner.cloud.azure;
