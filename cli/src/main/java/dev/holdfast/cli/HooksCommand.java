package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.FailPolicy;
import dev.holdfast.cli.hooks.AgentHookInstaller;
import dev.holdfast.cli.hooks.AgentTool;
import dev.holdfast.cli.hooks.GitHookInstaller;
import dev.holdfast.cli.hooks.HookException;
import dev.holdfast.cli.hooks.HookScript;
import dev.holdfast.cli.hooks.InstallManifest;
import dev.holdfast.cli.hooks.Launcher;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code holdfast hooks install|uninstall|run}: stop secrets at the moment a commit or a push happens. */
@Command(name = "hooks", mixinStandardHelpOptions = true,
        description = "Git hooks (chained to existing ones) and coding agents' hooks that block a commit or push "
                + "adding a secret.",
        subcommands = {HooksCommand.Install.class, HooksCommand.Uninstall.class, HooksCommand.Run.class})
public final class HooksCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required (install, uninstall, run)");
    }

    /** {@code hooks install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the pre-commit and pre-push hooks (default), and/or an agent's hook.")
    public static final class Install implements Callable<Integer> {
        private final Console console;

        @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "the repository (default .)")
        Path path;

        @Option(names = "--pre-commit", description = "the git pre-commit hook (scan --staged)")
        boolean preCommit;

        @Option(names = "--pre-push", description = "the git pre-push hook (scan --pre-push)")
        boolean prePush;

        @Option(names = "--agent", paramLabel = "NAME",
                description = "a coding agent's hook on its shell tool: claude, codex, gemini, cursor (repeatable)")
        List<String> agents = new ArrayList<>();

        @Option(names = "--shared", description = "claude: the shared .claude/settings.json instead of the personal "
                + ".claude/settings.local.json")
        boolean shared;

        @Option(names = "--fail-open", description = "let work through when the scan itself fails (default: block)")
        boolean failOpen;

        @Option(names = "--record", paramLabel = "FILE", description = "the hooks append a line per blocked finding")
        Path record;

        @Option(names = "--launcher", paramLabel = "CMD",
                description = "how hooks start holdfast (default: this ./holdfast wrapper, else java -jar this jar)")
        String launcher;

        public Install(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            List<AgentTool> tools = new ArrayList<>();
            try {
                agents.forEach(a -> tools.add(AgentTool.byId(a)));
            } catch (HookException e) {
                return fail(console, e);
            }
            boolean gitHooks = preCommit || prePush || tools.isEmpty();
            Launcher l = Launcher.choose(launcher, console.env(), runningJar());
            HookScript.Options options = new HookScript.Options(failOpen,
                    record == null ? null : record.toAbsolutePath().normalize());
            try (Repository repo = GitRepositories.open(path.toAbsolutePath().normalize(), Map.of())) {
                if (repo.isBare()) {
                    throw new HookException(path + " is a bare repository: hooks run where commits are made", true);
                }
                Path top = repo.getWorkTree().toPath();
                InstallManifest manifest = new InstallManifest(repo.getCommonDirectory().toPath());
                List<InstallManifest.Entry> kept = new ArrayList<>(manifest.read());
                List<InstallManifest.Entry> done = new ArrayList<>();
                List<String> lines = new ArrayList<>();
                try {
                    Path hooksDir = HooksDir.of(repo);
                    for (HookScript.Hook h : HookScript.Hook.values()) {
                        boolean wanted = h == HookScript.Hook.PRE_COMMIT ? preCommit || (gitHooks && !prePush)
                                : prePush || (gitHooks && !preCommit);
                        if (wanted) {
                            lines.addAll(reinstallFirst(kept, "git-hook", h.file));
                            GitHookInstaller.Installed i = new GitHookInstaller(hooksDir).install(h, l, options);
                            done.add(i.entry());
                            lines.add(i.summary());
                        }
                    }
                    for (AgentTool t : tools) {
                        lines.addAll(reinstallFirst(kept, "agent", t.id()));
                        GitHookInstaller.Installed i = AgentHookInstaller.install(t, top, shared,
                                l.command(agentArgs(t)));
                        done.add(i.entry());
                        lines.add(i.summary());
                    }
                } catch (IOException | RuntimeException e) {
                    Uninstall.undo(done);
                    manifest.write(kept);
                    throw e;
                }
                kept.addAll(done);
                manifest.write(kept);
                lines.forEach(s -> console.out().println("holdfast: " + s));
                console.out().println("holdfast: hooks start holdfast as: " + l.display()
                        + (failOpen ? " (--fail-open)" : "") + "; `holdfast hooks uninstall` restores what was there");
                return ExitCode.OK;
            } catch (HookException e) {
                return fail(console, e);
            } catch (IllegalArgumentException e) {
                console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
                return ExitCode.USAGE;
            } catch (IOException | RuntimeException e) {
                console.err().println("holdfast: hooks install failed, nothing was changed: "
                        + Main.oneLine(String.valueOf(e.getMessage())));
                return ExitCode.RUNTIME;
            }
        }

        private List<String> agentArgs(AgentTool t) {
            List<String> args = new ArrayList<>(List.of("hooks", "run", "--agent", t.id()));
            if (failOpen) {
                args.add("--fail-open");
            }
            if (record != null) {
                args.add("--record");
                args.add(record.toAbsolutePath().normalize().toString());
            }
            return args;
        }

        /** Installing again replaces holdfast's earlier hook: the earlier one is taken back first. */
        private static List<String> reinstallFirst(List<InstallManifest.Entry> kept, String kind, String name)
                throws IOException {
            List<String> lines = new ArrayList<>();
            for (InstallManifest.Entry e : List.copyOf(kept)) {
                if (e.kind().equals(kind) && e.name().equals(name)) {
                    lines.add(Uninstall.remove(e) + " (installing again)");
                    kept.remove(e);
                }
            }
            return lines;
        }

        private static Path runningJar() {
            try {
                Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return p.toString().endsWith(".jar") ? p : null;
            } catch (URISyntaxException | RuntimeException e) {
                return null;
            }
        }
    }

    /** {@code hooks uninstall}. */
    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove exactly what `hooks install` added, restoring the files as they were.")
    public static final class Uninstall implements Callable<Integer> {
        private final Console console;

        @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "the repository (default .)")
        Path path;

        public Uninstall(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            try (Repository repo = GitRepositories.open(path.toAbsolutePath().normalize(), Map.of())) {
                InstallManifest manifest = new InstallManifest(repo.getCommonDirectory().toPath());
                List<InstallManifest.Entry> entries = new ArrayList<>(manifest.read());
                if (entries.isEmpty()) {
                    console.out().println("holdfast: no hooks installed by holdfast here");
                    return ExitCode.OK;
                }
                for (int i = entries.size() - 1; i >= 0; i--) {
                    console.out().println("holdfast: " + remove(entries.get(i)));
                    entries.remove(i);
                    manifest.write(entries);
                }
                return ExitCode.OK;
            } catch (HookException e) {
                return fail(console, e);
            } catch (IllegalArgumentException e) {
                console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
                return ExitCode.USAGE;
            } catch (IOException | RuntimeException e) {
                console.err().println("holdfast: hooks uninstall failed: " + Main.oneLine(String.valueOf(e.getMessage()))
                        + " (what is left is still recorded; run it again)");
                return ExitCode.RUNTIME;
            }
        }

        static String remove(InstallManifest.Entry e) throws IOException {
            return "git-hook".equals(e.kind()) ? GitHookInstaller.uninstall(e) : AgentHookInstaller.uninstall(e);
        }

        /** Takes back a partial install, newest first, so that a failed install changes nothing. */
        static void undo(List<InstallManifest.Entry> done) {
            for (int i = done.size() - 1; i >= 0; i--) {
                try {
                    remove(done.get(i));
                } catch (IOException | RuntimeException ignored) {
                    // best effort: the failure that caused the undo is what the user is told
                }
            }
        }
    }

    /** {@code hooks run --agent ID}: what the agent's hook configuration runs. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Answer a coding agent's hook call (its hook input JSON on stdin).")
    public static final class Run implements Callable<Integer> {
        private final Console console;
        private final Clock clock;

        @Option(names = "--agent", required = true, paramLabel = "NAME", description = "claude, codex, gemini, cursor")
        String agent;

        @Option(names = "--fail-open", description = "let the tool call through when the scan itself fails")
        boolean failOpen;

        @Option(names = "--record", paramLabel = "FILE", description = "append a line per blocked finding")
        Path record;

        @Option(names = "--fail-on", defaultValue = FailPolicy.DEFAULT, description = "none|new|regressed|any")
        String failOn;

        @Mixin
        VerboseOption verbosity = new VerboseOption();

        public Run(Console console) {
            this(console, Clock.systemUTC());
        }

        Run(Console console, Clock clock) {
            this.console = console;
            this.clock = clock;
        }

        @Override
        public Integer call() {
            AgentTool tool;
            try {
                FailPolicy.predicate(failOn);
                tool = AgentTool.byId(agent);
            } catch (HookException | IllegalArgumentException e) {
                // a broken hook command must still block the agent's call: exit 2 is the agents' "no"
                console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
                return 2;
            }
            return new AgentHookRun(console, clock).run(tool, failOpen, record, failOn, verbosity.verbose);
        }
    }

    static int fail(Console console, HookException e) {
        console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
        return e.usage() ? ExitCode.USAGE : ExitCode.RUNTIME;
    }
}
