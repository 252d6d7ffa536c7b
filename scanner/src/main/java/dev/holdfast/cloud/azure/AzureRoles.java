package dev.holdfast.cloud.azure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The built-in roles of azure-roles.yml: access level and privileged severity, looked up by GUID or name. */
public final class AzureRoles {

    /** One entry: {@code privileged} is the severity on a service principal at a broad scope, or null. */
    public record Role(String id, String name, String level, String privileged) {
    }

    private static final List<Role> ROLES = load();

    private AzureRoles() {
    }

    private static List<Role> load() {
        try (InputStream in = AzureRoles.class.getResourceAsStream("/dev/holdfast/cloud/azure-roles.yml")) {
            return Arrays.asList(new ObjectMapper(new YAMLFactory())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, Role[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read azure-roles.yml", e);
        }
    }

    public static Optional<Role> byId(String guid) {
        return ROLES.stream().filter(r -> r.id().equalsIgnoreCase(guid)).findFirst();
    }

    public static Optional<Role> byName(String name) {
        return ROLES.stream().filter(r -> r.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
