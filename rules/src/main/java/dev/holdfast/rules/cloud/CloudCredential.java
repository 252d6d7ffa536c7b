package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A long-lived credential's metadata. Never the secret: AWS access key ids are kept redacted plus a keyed hash (they
 * are secret-shaped and would otherwise make a committed snapshot trip secret scanners).
 *
 * @param id              redacted AWS key id, or the Azure keyId (a GUID)
 * @param idHash          keyed hash of the full key id (AWS), for matching a key found in a repository; else null
 * @param type            access-key | client-secret | certificate
 * @param status          Active | Inactive (AWS); null on Azure
 * @param created         ISO instant
 * @param expires         ISO instant or null (AWS keys never expire; an Azure credential without end date)
 * @param lastUsed        ISO instant or null when never used / unknown
 * @param lastUsedService the service of the last use (AWS), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudCredential(String id, String idHash, String type, String status, String created, String expires,
                              String lastUsed, String lastUsedService, String name) {
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean active() {
        return status == null || "Active".equalsIgnoreCase(status);
    }
}
