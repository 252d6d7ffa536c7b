package dev.holdfast.scanner.cloud;

import dev.holdfast.scanner.scan.ScanWarning;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a provider's activity logs said about a time window.
 *
 * @param read     false when no log was asked (activity off): findings keep no actor and say nothing about one
 * @param events   the entries read, oldest first
 * @param warnings what could not be read (a malformed event, a log that was denied), each one line
 * @param partial  true when a log that attribution needs could not be read in full (access denied, retries
 *                 exhausted): the scan is then partial for attribution and never reported clean
 * @param gap      why attribution is missing, e.g. "access denied on cloudtrail:LookupEvents"; with {@code partial}
 *                 false, a log the endpoint does not offer (noted, not partial)
 * @param since    when the baseline snapshot was taken: only events after it explain a change; null without one
 * @param lastAccessed where the provider answers it (IAM's service-last-accessed details): principal id to the
 *                 services it used in the window and when last; a principal absent here was not asked
 */
public record ActivityLog(boolean read, Instant from, Instant to, List<CloudActivity> events,
                          List<ScanWarning> warnings, boolean partial, String gap,
                          Map<String, Map<String, Instant>> lastAccessed, Instant since) {

    public ActivityLog {
        lastAccessed = lastAccessed == null ? Map.of() : Map.copyOf(lastAccessed);
        events = events.stream().sorted(Comparator.comparing(CloudActivity::at)
                .thenComparing(CloudActivity::eventId)).toList();
        warnings = List.copyOf(warnings);
    }

    /** No activity asked for. */
    public static ActivityLog off() {
        return new ActivityLog(false, null, null, List.of(), List.of(), false, null, Map.of(), null);
    }

    /** The same log, explaining only changes after {@code baselineTaken}. */
    public ActivityLog since(Instant baselineTaken) {
        return new ActivityLog(read, from, to, events, warnings, partial, gap, lastAccessed, baselineTaken);
    }

    /** The same log with what the provider said about the services each principal used, and notes about it. */
    public ActivityLog withLastAccessed(Map<String, Map<String, Instant>> used, List<ScanWarning> notes) {
        List<ScanWarning> w = new java.util.ArrayList<>(warnings);
        w.addAll(notes);
        return new ActivityLog(read, from, to, events, w, partial, gap, used, since);
    }
}
