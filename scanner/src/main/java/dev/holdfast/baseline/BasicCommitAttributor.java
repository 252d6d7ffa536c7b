package dev.holdfast.baseline;

import dev.holdfast.model.Attribution;
import dev.holdfast.model.IdentityKind;
import dev.holdfast.model.Person;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal classifier used until the identity classifier of the history work is wired in: an agent is recognised
 * by its name or address in the author or a {@code Co-authored-by:} trailer; the person it acted for is the human
 * co-author, the committer, or the human author it co-authored with.
 */
public final class BasicCommitAttributor implements CommitAttributor {
    private static final Pattern TRAILER = Pattern.compile("(?im)^co-authored-by:\\s*(.*?)\\s*<([^>]*)>\\s*$");

    private final List<String> agentMarkers;

    public BasicCommitAttributor(List<String> agentMarkers) {
        this.agentMarkers = agentMarkers.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** Markers of well-known coding agents. */
    public static BasicCommitAttributor defaults() {
        return new BasicCommitAttributor(List.of("claude", "anthropic", "copilot", "codex", "openai", "devin",
                "cursor", "aider", "gemini", "amazon q", "jules"));
    }

    @Override
    public Attribution attribute(RevCommit c) {
        PersonIdent author = c.getAuthorIdent();
        PersonIdent committer = c.getCommitterIdent();
        List<Person> coAuthors = new ArrayList<>();
        Matcher m = TRAILER.matcher(c.getFullMessage());
        while (m.find()) {
            coAuthors.add(new Person(m.group(1), m.group(2)));
        }
        Person a = new Person(author.getName(), author.getEmailAddress());
        String commit = c.getId().name();
        var date = author.getWhenAsInstant();
        if (isAgent(a)) {
            Person boss = coAuthors.stream().filter(p -> !isAgent(p) && !isBot(p)).findFirst().orElse(null);
            if (boss == null && committer != null) {
                Person cp = new Person(committer.getName(), committer.getEmailAddress());
                if (!isAgent(cp) && !isBot(cp) && !cp.email().equalsIgnoreCase(a.email())) {
                    boss = cp;
                }
            }
            return new Attribution(commit, a.name(), a.email(), IdentityKind.AGENT, date, boss);
        }
        if (isBot(a)) {
            return new Attribution(commit, a.name(), a.email(), IdentityKind.BOT, date, null);
        }
        Person agent = coAuthors.stream().filter(this::isAgent).findFirst().orElse(null);
        if (agent != null) {
            return new Attribution(commit, agent.name(), agent.email(), IdentityKind.AGENT, date, a);
        }
        IdentityKind kind = a.name().isBlank() && a.email().isBlank() ? IdentityKind.UNKNOWN : IdentityKind.HUMAN;
        return new Attribution(commit, a.name(), a.email(), kind, date, null);
    }

    private boolean isAgent(Person p) {
        String s = (p.name() + " " + p.email()).toLowerCase(Locale.ROOT);
        return agentMarkers.stream().anyMatch(s::contains);
    }

    private static boolean isBot(Person p) {
        return p.name().toLowerCase(Locale.ROOT).endsWith("[bot]") || p.email().toLowerCase(Locale.ROOT).contains("[bot]");
    }
}
