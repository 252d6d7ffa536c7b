package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.scanner.scan.ScanWarning;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IAM's service-last-accessed details for the agent principals: which services each one authenticated to and when
 * (data events included, which CloudTrail's management events do not show). A job is started per principal and
 * polled a bounded number of times; a principal whose job does not answer is left to CloudTrail, with a note.
 */
final class ServiceLastUse {
    static final String CALL = "iam:GenerateServiceLastAccessedDetails";
    private static final int POLLS = 10;

    private ServiceLastUse() {
    }

    /** Principal id to the services it used (last authenticated) since {@code from}; notes collect the misses. */
    static Map<String, Map<String, Instant>> read(IamClient iam, List<CloudPrincipal> agents, Instant from,
                                                  Duration pollDelay, List<ScanWarning> notes) {
        Map<String, Map<String, Instant>> out = new HashMap<>();
        for (CloudPrincipal p : agents) {
            try {
                String job = iam.generateServiceLastAccessedDetails(b -> b.arn(p.id())).jobId();
                Map<String, Instant> used = poll(iam, job, from, pollDelay);
                if (used == null) {
                    notes.add(new ScanWarning(CALL, "no answer for " + p.id() + " after " + POLLS
                            + " polls; its unused grants are judged from CloudTrail management events only"));
                } else {
                    out.put(p.id(), used);
                }
            } catch (AwsServiceException | SdkClientException e) {
                String code = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                        ? a.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
                notes.add(new ScanWarning(CALL, "not available for " + p.id() + " (" + code
                        + "); its unused grants are judged from CloudTrail management events only"));
            }
        }
        return out;
    }

    private static Map<String, Instant> poll(IamClient iam, String job, Instant from, Duration delay) {
        for (int i = 0; i < POLLS; i++) {
            Map<String, Instant> used = new TreeMap<>();
            String marker = null;
            GetServiceLastAccessedDetailsResponse r;
            do {
                String m = marker;
                r = iam.getServiceLastAccessedDetails(b -> b.jobId(job).marker(m));
                if (r.jobStatus() != JobStatusType.COMPLETED) {
                    break;
                }
                for (ServiceLastAccessed s : r.servicesLastAccessed()) {
                    if (s.lastAuthenticated() != null && !s.lastAuthenticated().isBefore(from)) {
                        used.put(s.serviceNamespace(), s.lastAuthenticated());
                    }
                }
                marker = Boolean.TRUE.equals(r.isTruncated()) ? r.marker() : null;
            } while (marker != null);
            if (r.jobStatus() == JobStatusType.COMPLETED) {
                return used;
            }
            if (r.jobStatus() == JobStatusType.FAILED) {
                return null;
            }
            sleep(delay);
        }
        return null;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + CALL, e);
        }
    }
}
