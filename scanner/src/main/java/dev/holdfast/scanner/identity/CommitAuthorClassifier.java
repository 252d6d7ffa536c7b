package dev.holdfast.scanner.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Person;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Classifies the identities behind a commit as human, bot or AI agent, and finds whom an agent acted for.
 * Patterns are data: the built-in {@code commit-authors.yml} plus an organisation's {@code identities:} section of
 * {@code .holdfast.yml}, which is checked first.
 *
 * <p>A commit is an agent's when its author is an agent, or when a person commits with an agent's
 * {@code Co-authored-by} (or {@code Generated-by}, {@code Assisted-by}…) trailer. In both cases the attribution names
 * the agent and records the person as {@code onBehalfOf} when there is one: the person who committed or co-authored
 * an agent-authored commit, or the person who authored a commit an agent helped write.
 */
public final class CommitAuthorClassifier {
    private static final String RESOURCE = "commit-authors.yml";
    private static final Set<String> SECTIONS = Set.of("agents", "bots", "humans");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "email");
    private static volatile CommitAuthorClassifier builtin;

    private final List<IdentityRule> rules;
    private final Set<String> agentTrailers;
    private final List<MessageRule> agentMessages;

    private record MessageRule(String name, Pattern pattern) {
    }

    private CommitAuthorClassifier(List<IdentityRule> rules, Set<String> agentTrailers, List<MessageRule> agentMessages) {
        this.rules = List.copyOf(rules);
        this.agentTrailers = Set.copyOf(agentTrailers);
        this.agentMessages = List.copyOf(agentMessages);
    }

    /** The built-in patterns only. */
    public static CommitAuthorClassifier builtin() {
        CommitAuthorClassifier b = builtin;
        if (b == null) {
            b = load();
            builtin = b;
        }
        return b;
    }

    /**
     * Adds an organisation's identities, checked before the built-in ones.
     *
     * @param identities the {@code identities:} section: keys {@code agents}, {@code bots}, {@code humans}, each a
     *                   list of {@code {name: regex, email: regex}}; null or missing adds nothing
     * @throws IllegalArgumentException one line naming the bad key or regex
     */
    public CommitAuthorClassifier withExtra(JsonNode identities) {
        if (identities == null || identities.isNull() || identities.isMissingNode()) {
            return this;
        }
        List<IdentityRule> extra = parseSections(identities, "identities", SECTIONS);
        List<IdentityRule> all = new ArrayList<>(extra);
        all.addAll(rules);
        return new CommitAuthorClassifier(all, agentTrailers, agentMessages);
    }

    /** Agent, bot, human by pattern; a person with neither name nor email is unknown. */
    public IdentityKind classify(Person p) {
        if (p == null || (blank(p.name()) && blank(p.email()))) {
            return IdentityKind.UNKNOWN;
        }
        for (IdentityRule r : rules) {
            if (r.matches(p)) {
                return r.kind();
            }
        }
        return IdentityKind.HUMAN;
    }

    /** Attributes a commit from its author, committer and message trailers. */
    public Attribution attribute(String commit, Person author, Person committer, String message, Instant date) {
        IdentityKind authorKind = classify(author);
        IdentityKind committerKind = classify(committer);
        Person agentHelper = null;
        Person humanCoAuthor = null;
        for (Trailers.Trailer t : Trailers.parse(message)) {
            String key = t.key().toLowerCase(Locale.ROOT);
            if (key.equals("co-authored-by")) {
                Person p = t.person();
                IdentityKind k = classify(p);
                if (k == IdentityKind.AGENT && agentHelper == null) {
                    agentHelper = p;
                } else if (k == IdentityKind.HUMAN && humanCoAuthor == null && !same(p, author)) {
                    humanCoAuthor = p;
                }
            } else if (agentTrailers.contains(key) && agentHelper == null) {
                agentHelper = t.person();
            }
        }
        if (agentHelper == null && message != null) {
            for (MessageRule m : agentMessages) {
                if (m.pattern().matcher(message).find()) {
                    agentHelper = new Person(m.name(), "");
                    break;
                }
            }
        }
        String name = author == null ? null : author.name();
        String email = author == null ? null : author.email();
        switch (authorKind) {
            case AGENT: {
                Person forWhom = committerKind == IdentityKind.HUMAN && !same(committer, author) ? committer
                        : humanCoAuthor;
                return new Attribution(commit, name, email, IdentityKind.AGENT, date, forWhom);
            }
            case BOT:
                return new Attribution(commit, name, email, IdentityKind.BOT, date, null);
            default:
                if (agentHelper != null) {
                    Person forWhom = authorKind == IdentityKind.HUMAN ? author
                            : committerKind == IdentityKind.HUMAN ? committer : null;
                    return new Attribution(commit, agentHelper.name(), agentHelper.email(), IdentityKind.AGENT, date,
                            forWhom);
                }
                return new Attribution(commit, name, email, authorKind, date, null);
        }
    }

    private static boolean same(Person a, Person b) {
        if (a == null || b == null) {
            return false;
        }
        if (!blank(a.email()) && !blank(b.email())) {
            return a.email().equalsIgnoreCase(b.email());
        }
        return a.name() != null && a.name().equalsIgnoreCase(b.name());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static CommitAuthorClassifier load() {
        try (InputStream in = CommitAuthorClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Set<String> allowed = Set.of("agents", "bots", "humans", "agentTrailers", "agentMessages");
            List<IdentityRule> rules = parseSections(root, RESOURCE, allowed);
            Set<String> trailers = new java.util.HashSet<>();
            for (JsonNode t : root.path("agentTrailers")) {
                trailers.add(t.asText().toLowerCase(Locale.ROOT));
            }
            List<MessageRule> messages = new ArrayList<>();
            for (JsonNode m : root.path("agentMessages")) {
                messages.add(new MessageRule(m.path("name").asText(),
                        Pattern.compile(m.path("pattern").asText(), Pattern.CASE_INSENSITIVE)));
            }
            return new CommitAuthorClassifier(rules, trailers, messages);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in " + RESOURCE, e);
        }
    }

    /** Agents first, then bots, then humans; validates keys and regexes. */
    private static List<IdentityRule> parseSections(JsonNode root, String where, Set<String> allowed) {
        if (!root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a map with keys agents, bots, humans");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key
                        + "' (expected agents, bots, humans)");
            }
        }
        List<IdentityRule> out = new ArrayList<>();
        for (Map.Entry<String, IdentityKind> s : List.of(Map.entry("agents", IdentityKind.AGENT),
                Map.entry("bots", IdentityKind.BOT), Map.entry("humans", IdentityKind.HUMAN))) {
            JsonNode list = root.get(s.getKey());
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException(where + "." + s.getKey() + ": expected a list of {name, email}");
            }
            for (int i = 0; i < list.size(); i++) {
                out.add(rule(list.get(i), where + "." + s.getKey() + "[" + i + "]", s.getValue()));
            }
        }
        return out;
    }

    private static IdentityRule rule(JsonNode entry, String where, IdentityKind kind) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + ": expected {name: regex, email: regex}");
        }
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ENTRY_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (expected name, email)");
            }
        }
        Pattern name = regex(entry.get("name"), where + ".name");
        Pattern email = regex(entry.get("email"), where + ".email");
        if (name == null && email == null) {
            throw new IllegalArgumentException(where + ": give a name or an email regex");
        }
        return new IdentityRule(kind, name, email);
    }

    private static Pattern regex(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(where + ": expected a regex string");
        }
        try {
            return Pattern.compile(node.asText(), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": bad regex '" + node.asText() + "': "
                    + e.getDescription());
        }
    }
}
