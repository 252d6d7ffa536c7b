package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.ActivityLog;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.scanner.scan.ScanWarning;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads CloudTrail's management events for a window through {@code LookupEvents}: every page ({@code NextToken}),
 * no faster than CloudTrail allows (2 calls a second per account and region; throttling is retried by the SDK's
 * bounded backoff), at most a bounded number of pages. Access denied or a call that keeps failing makes the log
 * partial: what it read is kept, and the findings it cannot explain are marked unattributed.
 */
final class CloudTrailActivity {
    static final String CALL = "cloudtrail:LookupEvents";
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "NotAuthorized", "UnrecognizedClientException");
    /** Answers of an endpoint that does not offer CloudTrail (a private IAM endpoint): noted, not partial. */
    private static final Set<String> UNOFFERED = Set.of("UnknownOperationException", "InvalidAction",
            "UnsupportedOperation");

    private CloudTrailActivity() {
    }

    static ActivityLog read(CloudTrailClient trail, AwsOptions o, CloudSnapshot current, CloudSnapshot baseline,
                            Instant from, Instant to, PrincipalClassifier classifier) {
        List<Event> events = new ArrayList<>();
        List<ScanWarning> warnings = new ArrayList<>();
        String gap = null;
        String cut = null;
        boolean offered = true;
        String token = null;
        int pages = 0;
        long last = 0;
        do {
            if (pages == o.lookupPages()) {
                // LookupEvents answers newest first: what is cut off is the oldest part, nearest the baseline
                Instant oldest = events.isEmpty() ? to : events.get(events.size() - 1).eventTime();
                cut = CALL + " stopped after " + pages + " pages (" + events.size() + " events): events between "
                        + from + " and " + oldest + " were not read";
                warnings.add(new ScanWarning(CALL, cut + "; changes in that time are not attributed"));
                break;
            }
            last = pace(last, o.lookupPace());
            String next = token;
            try {
                LookupEventsResponse r = trail.lookupEvents(b -> b.startTime(from).endTime(to).maxResults(50)
                        .nextToken(next));
                events.addAll(r.events());
                token = r.nextToken();
                pages++;
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                        ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
                offered = !(UNOFFERED.contains(code) || e.statusCode() == 404 || e.statusCode() == 501);
                gap = !offered ? CALL + " is not available at this endpoint (" + code + ")"
                        : DENIED.contains(code) || e.statusCode() == 403 ? "access denied on " + CALL + " (" + code + ")"
                        : CALL + " failed: " + code + " (HTTP " + e.statusCode() + ")"
                        + (e.numAttempts() > 1 ? " after " + e.numAttempts() + " attempts" : "");
                break;
            } catch (SdkClientException e) {
                gap = CALL + " failed: " + firstLine(e.getMessage());
                break;
            }
        } while (token != null && !token.isEmpty());
        CloudTrailEvents parser = new CloudTrailEvents(current, baseline, classifier);
        var activities = parser.parse(events);
        warnings.addAll(parser.warnings());
        if (gap == null && events.isEmpty()) {
            warnings.add(new ScanWarning(CALL, "no activity data: CloudTrail returned no events between " + from
                    + " and " + to + " (not a sign that nobody changed anything); changes are not attributed"));
        }
        if (gap != null && !offered) {
            warnings.add(new ScanWarning(CALL, gap + "; changes are not attributed"));
        } else if (gap != null) {
            warnings.add(new ScanWarning(CALL, "missed the activity " + (events.isEmpty() ? "" : "after "
                    + events.size() + " events ") + "between " + from + " and " + to + ": " + gap
                    + "; findings are reported unattributed"));
        }
        // a log denied or failing is a partial scan; one not offered, or cut at the page bound, is said, not partial
        return new ActivityLog(true, from, to, activities, warnings, gap != null && offered,
                gap != null ? gap : cut, java.util.Map.of(), null);
    }

    /** Waits until {@code pace} has passed since the last call; returns this call's time. */
    private static long pace(long lastNanos, Duration pace) {
        long wait = lastNanos == 0 ? 0 : lastNanos + pace.toNanos() - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing " + CALL, e);
            }
        }
        return System.nanoTime();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
