package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.baseline.FailPolicy;
import dev.holdfast.scanner.cloud.ActivityLog;
import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.scanner.cloud.CloudProvider;
import dev.holdfast.scanner.cloud.CloudScan;
import dev.holdfast.scanner.cloud.SnapshotStore;
import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWarning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code holdfast cloud <provider>}: snapshot cloud IAM, evaluate it, compare with a baseline snapshot. Each provider
 * is a subcommand (its own flags) registered here, handing a {@link CloudProvider} to {@link #run}.
 */
@Command(name = "cloud", mixinStandardHelpOptions = true,
        description = "Snapshot and evaluate cloud IAM (aws|azure), compare with a baseline snapshot.",
        subcommands = {CloudAwsCommand.class, CloudAzureCommand.class})
public final class CloudCommand implements Callable<Integer> {
    private final Console console;

    public CloudCommand(Console console) {
        this.console = console;
    }

    /** Anything that is not a registered provider's subcommand lands here, so the error can name the known ones. */
    @Parameters(arity = "0..1", paramLabel = "PROVIDER", description = "a registered provider: aws or azure")
    String unknown;

    /** The flags meant for that provider: ignored, the provider is the error. */
    @Unmatched
    List<String> rest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String known = String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help"))
                .sorted().toList());
        console.err().println("holdfast: " + (unknown == null ? "cloud needs a provider: " + known
                : "unknown cloud provider '" + Main.oneLine(unknown) + "' (known: " + known + ")"));
        return ExitCode.USAGE;
    }

    /** Options every provider shares. */
    static final class Shared {
        @Option(names = "--snapshot-out", paramLabel = "FILE", description = "write the normalised snapshot (no secrets)")
        Path snapshotOut;

        @Option(names = "--baseline", paramLabel = "FILE",
                description = "compare with an earlier snapshot: new / existing / fixed / regressed")
        Path baseline;

        @Option(names = "--fail-on", defaultValue = "new", description = "none|new|regressed|any (default new)")
        String failOn;

        @Option(names = "--config", paramLabel = "FILE", description = ".holdfast.yml whose cloud: section applies")
        Path config;

        @Option(names = "--repo", paramLabel = "PATH",
                description = "match principals and leaked keys to the code in this repository")
        Path repo;

        @Option(names = "--activity", negatable = true,
                description = "read the activity logs: who made each change (introducedBy), on whose behalf, and what "
                        + "agents used; on by default with --baseline (--no-activity turns it off)")
        Boolean activity;

        @Option(names = "--activity-days", paramLabel = "DAYS", defaultValue = "90",
                description = "how far back what agents used is judged (default 90, as far as the logs keep)")
        int activityDays;

        @Mixin
        VerboseOption verbosity = new VerboseOption();

        @Mixin
        OutputOptions output = new OutputOptions();
    }

    /** The flow every provider shares: options, inventory, rules, baseline, snapshot, report, exit code. */
    static int run(Console console, Shared o, CloudProvider provider) throws IOException {
        CloudThresholds thresholds;
        PrincipalClassifier classifier;
        Clock clock;
        try {
            FailPolicy.predicate(o.failOn);
            o.output.validate();
            clock = clock(console.env());
            JsonNode cloud = cloudSection(o);
            thresholds = thresholds(cloud);
            classifier = classifier(cloud);
            if (o.activityDays < 1 || o.activityDays > 365) {
                throw new IllegalArgumentException("--activity-days must be from 1 to 365 (got " + o.activityDays + ")");
            }
            if (o.repo != null && !Files.isDirectory(o.repo)) {
                throw new IllegalArgumentException("--repo " + o.repo + ": no such directory");
            }
        } catch (IllegalArgumentException | ConfigException e) {
            console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
            return ExitCode.USAGE;
        }
        CloudSnapshot baseline = o.baseline == null ? null : SnapshotStore.read(o.baseline);
        Fingerprinter fp = new Fingerprinter(FingerprintKeys.defaultKey());
        FindingFactory factory = new FindingFactory(fp);
        CloudInventory inv = provider.inventory(classifier, fp, clock);
        CloudRules rules = provider.rules(thresholds, clock);
        ActivityLog activity = activity(o, provider, inv, baseline, classifier, clock);
        List<Finding> extra = new ArrayList<>(o.repo == null ? List.of()
                : provider.repositoryFindings(inv, factory, o.repo));
        extra.addAll(provider.activityFindings(inv, activity, factory));
        CloudScan.Outcome out = CloudScan.run(inv, rules, factory, baseline, extra, activity);
        ScanResult result = out.result();
        if (o.repo != null) {
            result = dev.holdfast.scanner.cloud.CodeLinks.link(result, o.repo.toAbsolutePath().normalize());
        }
        // A partial snapshot would make the missed parts look fixed next time: it is not written.
        if (o.snapshotOut != null && out.snapshotComplete()) {
            SnapshotStore.write(out.snapshot(), o.snapshotOut);
        }
        o.output.write(result, console, o.repo == null ? null : o.repo.toAbsolutePath().normalize());
        if (result.partial()) {
            console.err().println("holdfast: partial " + provider.name() + " scan"
                    + (out.snapshotComplete() ? " (attribution only)" : "") + ", not reporting clean"
                    + (o.snapshotOut == null || out.snapshotComplete() ? "" : " (snapshot not written)")
                    + "; missed: "
                    + String.join("; ", result.warnings().stream().filter(w -> w.reason().startsWith("missed"))
                    .map(CloudCommand::describe).toList()));
            return ExitCode.RUNTIME;
        }
        return FailPolicy.fails(result, o.failOn) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /**
     * The activity window: the last --activity-days (what agents used is judged over it), reaching back to the
     * baseline snapshot when that is older (only changes after it are explained), no further back than the
     * provider's logs reach (said in a warning). Off unless --activity, or --baseline without --no-activity.
     */
    private static ActivityLog activity(Shared o, CloudProvider provider, CloudInventory inv, CloudSnapshot baseline,
                                        PrincipalClassifier classifier, Clock clock) {
        boolean on = o.activity != null ? o.activity : baseline != null;
        if (!on) {
            return ActivityLog.off();
        }
        Instant to = clock.instant();
        Instant floor = to.minus(provider.activityRetention());
        Instant from = to.minus(Duration.ofDays(o.activityDays));
        Instant since = baseline == null || baseline.takenAt() == null ? null : Instant.parse(baseline.takenAt());
        if (since != null && since.isBefore(from)) {
            from = since;
        }
        List<ScanWarning> notes = new ArrayList<>();
        if (from.isBefore(floor)) {
            notes.add(new ScanWarning(provider.name() + " activity", "the window starts " + from + ", beyond the "
                    + provider.activityRetention().toDays() + " days the activity logs keep; changes before " + floor
                    + " are not attributed"));
            from = floor;
        }
        ActivityLog log = provider.activity(inv, baseline, from, to, classifier).since(since);
        return notes.isEmpty() ? log : log.withLastAccessed(log.lastAccessed(), notes);
    }

    private static String describe(ScanWarning w) {
        return (w.path() == null ? "" : w.path() + ": ") + w.reason();
    }

    /** HOLDFAST_NOW (an ISO instant) pins the clock, for reproducible runs and tests; else the system clock. */
    static Clock clock(Map<String, String> env) {
        String now = env.get("HOLDFAST_NOW");
        if (now == null || now.isBlank()) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.parse(now.trim()), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("HOLDFAST_NOW must be an ISO-8601 instant (got '" + now + "')");
        }
    }

    /** Retry backoff base; HOLDFAST_RETRY_BASE_MS shortens it (tests), default 200 ms. */
    static Duration retryBase(Map<String, String> env) {
        String ms = env.get("HOLDFAST_RETRY_BASE_MS");
        if (ms == null || ms.isBlank()) {
            return Duration.ofMillis(200);
        }
        try {
            return Duration.ofMillis(Long.parseLong(ms.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HOLDFAST_RETRY_BASE_MS must be a number of milliseconds");
        }
    }

    private static final java.util.Set<String> CLOUD_KEYS = java.util.Set.of("thresholds", "identity");

    /** The config's {@code cloud:} section (--config, else .holdfast.yml in --repo or here), or null. */
    static JsonNode cloudSection(Shared o) {
        Path root = o.repo != null ? o.repo : Path.of(".");
        if (o.config == null && !Files.exists(root.resolve(HoldfastConfig.FILE_NAME))) {
            return null;
        }
        HoldfastConfig cfg = HoldfastConfig.load(root.toAbsolutePath().normalize(), o.config);
        JsonNode cloud = cfg.cloud();
        if (cloud == null || cloud.isNull() || cloud.isMissingNode()) {
            return null;
        }
        cloud.fieldNames().forEachRemaining(k -> {
            if (!CLOUD_KEYS.contains(k)) {
                throw new IllegalArgumentException("config: unknown key 'cloud." + k + "' (known: identity, thresholds)");
            }
        });
        return cloud;
    }

    /** Thresholds from the bundled defaults, overridden by {@code cloud.thresholds}. */
    @SuppressWarnings("unchecked")
    static CloudThresholds thresholds(JsonNode cloud) {
        CloudThresholds t = CloudThresholds.defaults();
        if (cloud == null || !cloud.has("thresholds")) {
            return t;
        }
        try {
            return t.withOverrides(new ObjectMapper().convertValue(cloud.get("thresholds"), Map.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config cloud.thresholds: " + Main.oneLine(e.getMessage()));
        }
    }

    /** The bundled identity patterns, with {@code cloud.identity} (same shape as identity-patterns.yml) in front. */
    static PrincipalClassifier classifier(JsonNode cloud) {
        PrincipalClassifier c = PrincipalClassifier.defaults();
        if (cloud == null || !cloud.has("identity")) {
            return c;
        }
        try {
            return c.withExtra(new ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .convertValue(cloud.get("identity"), PrincipalClassifier.Patterns.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config cloud.identity: " + Main.oneLine(e.getMessage()));
        }
    }
}
