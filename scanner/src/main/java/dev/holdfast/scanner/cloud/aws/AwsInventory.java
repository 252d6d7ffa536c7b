package dev.holdfast.scanner.cloud.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.scanner.cloud.CallLog;
import dev.holdfast.scanner.cloud.CloudException;
import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.cloud.CloudCredential;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.TrustEntry;
import dev.holdfast.rules.iam.PolicyDocument;
import dev.holdfast.rules.iam.TrustPolicyJudge;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UserDetail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an AWS account's IAM through the SDK and normalises it into a {@link CloudSnapshot}: users, roles and the
 * root user with their access keys (dates and last use only), effective grants (through a
 * {@link PermissionEvaluator}) and role trust. A denied or failing call makes the inventory partial and is listed;
 * bad credentials stop it.
 */
public final class AwsInventory {
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess", "Forbidden");
    private static final Set<String> BAD_CREDENTIALS = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId", "UnrecognizedClientException",
            "IncompleteSignature", "InvalidSecurity", "AuthFailure", "MissingAuthenticationToken");
    private static final Set<String> UNSUPPORTED = Set.of("InvalidAction", "UnknownOperationException",
            "NotImplemented", "UnsupportedOperation", "InvalidRequest");

    private final AwsOptions options;
    private final PermissionEvaluator evaluator;
    private final PrincipalClassifier classifier;
    private final Fingerprinter fingerprinter;
    private final Clock clock;

    public AwsInventory(AwsOptions options, PermissionEvaluator evaluator, PrincipalClassifier classifier,
                        Fingerprinter fingerprinter, Clock clock) {
        this.options = options;
        this.evaluator = evaluator;
        this.classifier = classifier;
        this.fingerprinter = fingerprinter;
        this.clock = clock;
    }

    /** @throws CloudException when the credentials are missing or rejected, or the endpoint cannot be reached */
    public CloudInventory collect() {
        try (AwsClients c = new AwsClients(options)) {
            return collect(c);
        } catch (SdkClientException e) {
            String m = firstLine(e.getMessage());
            if (m.contains("Unable to load credentials")) {
                throw new CloudException("AWS: no credentials found (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                        + "--profile, or the SDK's default chain)", e);
            }
            throw new CloudException("AWS: " + (m.length() > 300 ? m.substring(0, 300) + "…" : m), e);
        }
    }

    private CloudInventory collect(AwsClients c) {
        CallLog log = new CallLog();
        String account;
        try {
            account = c.sts.getCallerIdentity().account();
        } catch (AwsServiceException e) {
            String code = code(e);
            if (BAD_CREDENTIALS.contains(code) || e.statusCode() == 401 || e.statusCode() == 403) {
                throw new CloudException("AWS rejected the credentials (" + code + " from sts:GetCallerIdentity)", e);
            }
            throw new CloudException("AWS sts:GetCallerIdentity failed: " + code + " (HTTP " + e.statusCode() + ")", e);
        }

        List<UserDetail> users = new ArrayList<>();
        List<RoleDetail> roles = new ArrayList<>();
        Map<String, GroupDetail> groups = new HashMap<>();
        Map<String, String> managed = new HashMap<>(); // policy ARN -> default version document
        String marker = null;
        int page = 0;
        java.util.Set<String> markers = new java.util.HashSet<>();
        do {
            page++;
            GetAccountAuthorizationDetailsResponse r;
            try {
                String m = marker;
                r = c.iam.getAccountAuthorizationDetails(b -> b.marker(m).filter(EntityType.USER, EntityType.ROLE,
                        EntityType.GROUP, EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY));
            } catch (AwsServiceException e) {
                failed(log, e, "iam:GetAccountAuthorizationDetails", "the IAM inventory from page " + page + " on");
                break;
            } catch (SdkClientException e) {
                log.missed("iam:GetAccountAuthorizationDetails", "the IAM inventory from page " + page + " on",
                        firstLine(e.getMessage()));
                break;
            }
            if (!isApiAnswer(r)) {
                // A 200 whose body is not an IAM answer (a proxy's HTML page) unmarshals to an empty page: an empty
                // account would then look clean.
                log.missed("iam:GetAccountAuthorizationDetails", "the IAM inventory from page " + page + " on",
                        "the response is not an IAM API answer (no RequestId)");
                break;
            }
            users.addAll(r.userDetailList());
            roles.addAll(r.roleDetailList());
            r.groupDetailList().forEach(g -> groups.put(g.groupName(), g));
            for (ManagedPolicyDetail p : r.policies()) {
                for (PolicyVersion v : p.policyVersionList()) {
                    if (Boolean.TRUE.equals(v.isDefaultVersion()) || p.policyVersionList().size() == 1) {
                        managed.put(p.arn(), decode(v.document()));
                    }
                }
            }
            marker = next(r.isTruncated(), r.marker());
            if (marker != null && !markers.add(marker)) {
                log.missed("iam:GetAccountAuthorizationDetails", "the IAM inventory after page " + page,
                        "the endpoint repeated pagination marker '" + marker + "'");
                break;
            }
        } while (marker != null && !marker.isEmpty());

        Map<String, Integer> sessions = maxSessionDurations(c, log, roles.isEmpty());
        Map<String, String> known = wellKnownManaged();
        Map<String, CloudInventory.KeyOwner> keys = new TreeMap<>();
        List<CloudPrincipal> principals = new ArrayList<>();

        for (UserDetail u : users) {
            List<PermissionEvaluator.PolicyText> docs = new ArrayList<>();
            u.userPolicyList().forEach(p -> docs.add(new PermissionEvaluator.PolicyText("inline:user/" + u.userName() + "/"
                    + p.policyName(), decode(p.policyDocument()))));
            attached(u.attachedManagedPolicies(), managed, known, docs, log, u.arn());
            for (String g : u.groupList()) {
                GroupDetail gd = groups.get(g);
                if (gd == null) {
                    log.note("iam:GetAccountAuthorizationDetails", "group " + g + " of " + u.arn() + " not in inventory");
                    continue;
                }
                gd.groupPolicyList().forEach(p -> docs.add(new PermissionEvaluator.PolicyText("inline:group/" + g + "/"
                        + p.policyName(), decode(p.policyDocument()))));
                attached(gd.attachedManagedPolicies(), managed, known, docs, log, u.arn());
            }
            PermissionEvaluator.EffectivePermissions eff = evaluate(docs, log, u.arn());
            Map<String, String> tags = tags(u.tags());
            IdentityKind kind = classifier.classify("user", u.path(), u.userName(), tags);
            List<CloudCredential> creds = accessKeys(c, log, u, keys);
            Boolean mfa = mfa(eff);
            if ((kind == IdentityKind.HUMAN || kind == IdentityKind.UNKNOWN) && !Boolean.TRUE.equals(mfa)
                    && mfaDevice(c, log, u.userName())) {
                mfa = Boolean.TRUE;
                // Machines do not carry MFA devices: an otherwise unclassified user with one is a person.
                kind = IdentityKind.HUMAN;
            }
            principals.add(new CloudPrincipal(u.arn(), "user", u.userName(), u.path(), kind.id(), iso(u.createDate()),
                    lastUse(creds), mfa, null, null, tags, creds, eff.grants(), eff.risks(), List.of(), List.of()));
        }

        for (RoleDetail r : roles) {
            List<PermissionEvaluator.PolicyText> docs = new ArrayList<>();
            r.rolePolicyList().forEach(p -> docs.add(new PermissionEvaluator.PolicyText("inline:role/" + r.roleName() + "/"
                    + p.policyName(), decode(p.policyDocument()))));
            attached(r.attachedManagedPolicies(), managed, known, docs, log, r.arn());
            PermissionEvaluator.EffectivePermissions eff = evaluate(docs, log, r.arn());
            List<TrustEntry> trust = List.of();
            if (r.assumeRolePolicyDocument() != null) {
                try {
                    trust = TrustPolicyJudge.standard().judge(PolicyDocument.parse(decode(r.assumeRolePolicyDocument())),
                            account).stream().map(TrustEntry::of).toList();
                } catch (dev.holdfast.rules.iam.PolicyParseException e) {
                    log.note("iam:GetAccountAuthorizationDetails", "unreadable trust policy of " + r.arn() + ": "
                            + e.getMessage());
                }
            }
            Map<String, String> tags = tags(r.tags());
            IdentityKind kind = classifier.classify("role", r.path(), r.roleName(), tags);
            String lastUsed = r.roleLastUsed() == null ? null : iso(r.roleLastUsed().lastUsedDate());
            principals.add(new CloudPrincipal(r.arn(), "role", r.roleName(), r.path(), kind.id(), iso(r.createDate()),
                    lastUsed, mfa(eff), sessions.get(r.arn()), null, tags, List.of(), eff.grants(), eff.risks(), trust,
                    List.of()));
        }

        principals.add(root(c, log, account));
        CloudSnapshot snap = new CloudSnapshot(CloudSnapshot.SCHEMA_VERSION, "aws", account, null,
                iso(clock.instant()), principals, List.of());
        return new CloudInventory(snap, log.warnings(), log.partial(), keys);
    }

    private PermissionEvaluator.EffectivePermissions evaluate(List<PermissionEvaluator.PolicyText> docs, CallLog log, String arn) {
        PermissionEvaluator.EffectivePermissions eff = evaluator.evaluate(docs);
        eff.warnings().forEach(w -> log.note(arn, w));
        return eff;
    }

    /** True when every grant that allows something needs MFA; null when the principal has no grants. */
    private static Boolean mfa(PermissionEvaluator.EffectivePermissions eff) {
        if (eff.grants().isEmpty()) {
            return null;
        }
        return eff.grants().stream().allMatch(g -> Boolean.TRUE.equals(g.mfaRequired())) ? Boolean.TRUE : null;
    }

    private boolean mfaDevice(AwsClients c, CallLog log, String user) {
        try {
            return !c.iam.listMFADevices(b -> b.userName(user)).mfaDevices().isEmpty();
        } catch (AwsServiceException e) {
            optional(log, e, "iam:ListMFADevices", "the MFA devices of " + user);
            return false;
        }
    }

    private void attached(List<AttachedPolicy> attached, Map<String, String> managed, Map<String, String> known,
                          List<PermissionEvaluator.PolicyText> docs, CallLog log, String arn) {
        for (AttachedPolicy p : attached) {
            String doc = managed.getOrDefault(p.policyArn(), known.get(p.policyArn()));
            if (doc == null) {
                log.missed("iam:GetAccountAuthorizationDetails", "policy " + p.policyArn() + " attached to " + arn,
                        "its document was not in the inventory");
            } else {
                docs.add(new PermissionEvaluator.PolicyText(p.policyArn(), doc));
            }
        }
    }

    private List<CloudCredential> accessKeys(AwsClients c, CallLog log, UserDetail u,
                                             Map<String, CloudInventory.KeyOwner> keys) {
        List<CloudCredential> out = new ArrayList<>();
        List<AccessKeyMetadata> meta = new ArrayList<>();
        try {
            String marker = null;
            do {
                String m = marker;
                ListAccessKeysResponse r = c.iam.listAccessKeys(b -> b.userName(u.userName()).marker(m));
                meta.addAll(r.accessKeyMetadata());
                marker = next(r.isTruncated(), r.marker());
            } while (marker != null && !marker.isEmpty());
        } catch (AwsServiceException e) {
            failed(log, e, "iam:ListAccessKeys", "the access keys of " + u.arn());
            return out;
        }
        for (AccessKeyMetadata k : meta) {
            String lastUsed = null;
            String service = null;
            try {
                GetAccessKeyLastUsedResponse r = c.iam.getAccessKeyLastUsed(b -> b.accessKeyId(k.accessKeyId()));
                if (r.accessKeyLastUsed() != null) {
                    lastUsed = iso(r.accessKeyLastUsed().lastUsedDate());
                    String s = r.accessKeyLastUsed().serviceName();
                    service = s == null || "N/A".equals(s) ? null : s;
                }
            } catch (AwsServiceException e) {
                failed(log, e, "iam:GetAccessKeyLastUsed", "the last use of key " + Redactor.redact(k.accessKeyId())
                        + " of " + u.arn());
            }
            String status = k.statusAsString();
            out.add(new CloudCredential(Redactor.redact(k.accessKeyId()), fingerprinter.valueHash(k.accessKeyId()),
                    "access-key", status, iso(k.createDate()), null, lastUsed, service, null));
            keys.put(k.accessKeyId(), new CloudInventory.KeyOwner(u.arn(), status, iso(k.createDate()), lastUsed));
        }
        return out;
    }

    private CloudPrincipal root(AwsClients c, CallLog log, String account) {
        List<CloudCredential> creds = new ArrayList<>();
        Boolean mfa = null;
        try {
            Map<SummaryKeyType, Integer> sum = c.iam.getAccountSummary().summaryMap();
            Integer keysPresent = sum.get(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT);
            if (keysPresent != null && keysPresent > 0) {
                creds.add(new CloudCredential("root-access-key", null, "access-key", "Active", null, null, null,
                        null, null));
            }
            Integer mfaEnabled = sum.get(SummaryKeyType.ACCOUNT_MFA_ENABLED);
            mfa = mfaEnabled == null ? null : mfaEnabled > 0;
        } catch (AwsServiceException e) {
            optional(log, e, "iam:GetAccountSummary", "whether the root user has access keys");
        }
        return new CloudPrincipal("arn:aws:iam::" + account + ":root", "root", "root", null, "human", null, null,
                mfa, null, null, Map.of(), creds, List.of(), List.of(), List.of(), List.of());
    }

    /** ListRoles is the only call that tells MaxSessionDuration; the authorization details do not carry it. */
    private Map<String, Integer> maxSessionDurations(AwsClients c, CallLog log, boolean noRoles) {
        Map<String, Integer> out = new HashMap<>();
        if (noRoles) {
            return out;
        }
        try {
            String marker = null;
            do {
                String m = marker;
                ListRolesResponse r = c.iam.listRoles(b -> b.marker(m));
                for (Role role : r.roles()) {
                    if (role.maxSessionDuration() != null) {
                        out.put(role.arn(), role.maxSessionDuration());
                    }
                }
                marker = next(r.isTruncated(), r.marker());
            } while (marker != null && !marker.isEmpty());
        } catch (AwsServiceException e) {
            optional(log, e, "iam:ListRoles", "the maximum session durations of roles");
        }
        return out;
    }

    /**
     * Access denied or exhausted retries: the scan is partial. An endpoint that does not offer the call at all (a
     * private or emulated endpoint) is noted, and the findings that need it are not made.
     */
    /** Every AWS query API answer carries a RequestId; the SDK reports "UNKNOWN" when the body had none. */
    private static boolean isApiAnswer(software.amazon.awssdk.awscore.AwsResponse r) {
        String id = r.responseMetadata() == null ? null : r.responseMetadata().requestId();
        return id != null && !id.isBlank() && !"UNKNOWN".equals(id);
    }

    private static void failed(CallLog log, AwsServiceException e, String call, String what) {
        String code = code(e);
        if (UNSUPPORTED.contains(code) || e.statusCode() == 404 || e.statusCode() == 501) {
            log.note(call, "not available at this endpoint (" + code + "); skipped " + what);
        } else if (DENIED.contains(code) || e.statusCode() == 403) {
            log.missed(call, what, "access denied (" + code + ")");
        } else {
            log.missed(call, what, code + " (HTTP " + e.statusCode() + ")");
        }
    }

    /**
     * A call that only refines the picture (MFA devices, session lengths, the root's keys): denied or failing after
     * retries still makes the scan partial, but an endpoint that rejects the request itself (4xx other than denied)
     * does not offer it, and is noted.
     */
    private static void optional(CallLog log, AwsServiceException e, String call, String what) {
        int s = e.statusCode();
        if (s >= 400 && s < 500 && s != 401 && s != 403 && s != 429 && !DENIED.contains(code(e))
                && !"Throttling".equals(code(e))) {
            log.note(call, "not available at this endpoint (" + code(e) + "); skipped " + what);
        } else {
            failed(log, e, call, what);
        }
    }

    private static String code(AwsServiceException e) {
        String c = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return c == null ? "HTTP " + e.statusCode() : c;
    }

    /** The next page's marker: IsTruncated says so, or (a trimmed response without it) a marker is given. */
    private static String next(Boolean truncated, String marker) {
        if (Boolean.FALSE.equals(truncated) || marker == null || marker.isEmpty()) {
            return null;
        }
        return marker;
    }

    /** Policy documents arrive URL-encoded (RFC 3986) in the IAM Query API. */
    static String decode(String doc) {
        if (doc == null) {
            return "{}";
        }
        String t = doc.strip();
        if (t.startsWith("{")) {
            return t;
        }
        return URLDecoder.decode(t, StandardCharsets.UTF_8);
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    private static String lastUse(List<CloudCredential> creds) {
        return creds.stream().map(CloudCredential::lastUsed).filter(java.util.Objects::nonNull).max(String::compareTo)
                .orElse(null);
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> wellKnownManaged() {
        try (InputStream in = AwsInventory.class.getResourceAsStream("/dev/holdfast/scanner/cloud/aws-managed-policies.yml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
