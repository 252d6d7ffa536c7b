package dev.holdfast.rules.cloud.azure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in Azure roles of {@code roles.yml}: access level and privileged severity, looked up by GUID or name. One
 * list for the live Azure rules and the infrastructure-code detectors.
 */
public final class AzureRoles {

    /** One entry: {@code privileged} is the severity on a service principal at a broad scope, or null. */
    public record Role(String id, String name, String level, String privileged) {
        /** The severity of holding the role at a broad scope; only for privileged roles. */
        public Severity severity() {
            return Severity.fromId(privileged);
        }
    }

    private static final List<Role> ROLES = load();

    private AzureRoles() {
    }

    private static List<Role> load() {
        try (InputStream in = AzureRoles.class.getResourceAsStream("roles.yml")) {
            return Arrays.asList(new ObjectMapper(new YAMLFactory())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, Role[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Azure roles.yml", e);
        }
    }

    public static Optional<Role> byId(String guid) {
        return ROLES.stream().filter(r -> r.id().equalsIgnoreCase(guid)).findFirst();
    }

    public static Optional<Role> byName(String name) {
        return ROLES.stream().filter(r -> r.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * The privileged role an expression names: by name, or by its definition GUID anywhere in the text (an ARM
     * {@code subscriptionResourceId(..., '8e3af657-…')} or a Terraform definition id).
     */
    public static Optional<Role> privileged(String nameOrId) {
        if (nameOrId == null) {
            return Optional.empty();
        }
        String t = nameOrId.toLowerCase(Locale.ROOT);
        return ROLES.stream().filter(r -> r.privileged() != null)
                .filter(r -> r.name().equalsIgnoreCase(nameOrId.trim()) || t.contains(r.id()))
                .findFirst();
    }
}
