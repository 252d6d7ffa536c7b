package dev.holdfast.scanner.identity;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Person;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who is committing or pushing right now, before any commit exists: the git identity that will sign the commit
 * (the committer), and the AI agent running the command when an agent's hook says so or the agent's environment
 * variables do ({@code agent-environments.properties}). An agent acting through a person's git identity is recorded as
 * the agent, on behalf of that person.
 */
public final class Actor {
    private static final String RESOURCE = "agent-environments.properties";
    private static final Set<String> NO_NAME = Set.of("", "0", "1", "true", "false", "yes", "no");
    private static volatile List<String[]> markers;

    private Actor() {
    }

    /**
     * @param committer the git identity (GIT_COMMITTER_*, else GIT_AUTHOR_*, else user.name / user.email)
     * @param agent     the agent named by the hook that runs us ({@code hooks run --agent}), or null to look at the
     *                  environment
     */
    public static Attribution of(Person committer, String agent, Map<String, String> env,
                                 CommitAuthorClassifier identities, Instant now) {
        String name = agent != null && !agent.isBlank() ? agent : agentFromEnvironment(env);
        IdentityKind kind = identities.classify(committer);
        if (name != null) {
            Person forWhom = kind == IdentityKind.HUMAN ? committer : null;
            return new Attribution(null, name, "", IdentityKind.AGENT, now, forWhom);
        }
        return new Attribution(null, committer == null ? null : committer.name(),
                committer == null ? null : committer.email(), kind, now, null);
    }

    /** The committer as git would record it, from the environment first and then the repository's configuration. */
    public static Person committer(Map<String, String> env, String configName, String configEmail) {
        String name = first(env.get("GIT_COMMITTER_NAME"), env.get("GIT_AUTHOR_NAME"), configName);
        String email = first(env.get("GIT_COMMITTER_EMAIL"), env.get("GIT_AUTHOR_EMAIL"), configEmail);
        return name == null && email == null ? null : new Person(name, email);
    }

    /** The agent the environment names, or null. */
    public static String agentFromEnvironment(Map<String, String> env) {
        for (String[] m : markers()) {
            String value = env.get(m[0]);
            if (value == null || value.isBlank() || "0".equals(value) || "false".equalsIgnoreCase(value)) {
                continue;
            }
            if (!"*".equals(m[1])) {
                return m[1];
            }
            String named = value.strip().split("_", 2)[0];
            return NO_NAME.contains(named.toLowerCase(Locale.ROOT)) ? "AI agent" : named;
        }
        return null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static List<String[]> markers() {
        List<String[]> m = markers;
        if (m == null) {
            m = new ArrayList<>();
            try (InputStream in = Actor.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing built-in resource " + RESOURCE);
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    int eq = line.indexOf('=');
                    if (line.isBlank() || line.startsWith("#") || eq < 0) {
                        continue;
                    }
                    m.add(new String[] {line.substring(0, eq).strip(), line.substring(eq + 1).strip()});
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            markers = List.copyOf(m);
        }
        return m;
    }
}
