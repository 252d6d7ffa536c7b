package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import java.io.File;
import java.time.Instant;

/**
 * JGit's system reader, except that on Linux the system-wide git configuration is read from where git keeps it
 * ({@code $GIT_CONFIG_SYSTEM}, else {@code /etc/gitconfig}) instead of by starting {@code git config --system}
 * to ask: that process costs a hook a noticeable part of its start-up. {@code GIT_CONFIG_NOSYSTEM} is honoured as git
 * does. Elsewhere (macOS, Windows, where git's prefix varies) JGit asks git as before.
 */
public final class QuickSystemReader extends SystemReader {
    private final SystemReader delegate;

    private QuickSystemReader(SystemReader delegate) {
        this.delegate = delegate;
    }

    /** Installs it once for the process (a CLI's choice; library users keep JGit's default). */
    public static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof QuickSystemReader) && current.isLinux()) {
            SystemReader.setInstance(new QuickSystemReader(current));
        }
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        String off = getenv("GIT_CONFIG_NOSYSTEM");
        if (off != null && !off.isEmpty()) {
            return empty(parent, fs);
        }
        String configured = getenv("GIT_CONFIG_SYSTEM");
        File file = new File(configured != null && !configured.isEmpty() ? configured : "/etc/gitconfig");
        return file.isFile() ? new FileBasedConfig(parent, file, fs) : empty(parent, fs);
    }

    private static FileBasedConfig empty(Config parent, FS fs) {
        return new FileBasedConfig(parent, null, fs) {
            @Override
            public void load() {
                // no system configuration
            }

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }

    @Override
    public String getHostname() {
        return delegate.getHostname();
    }

    @Override
    public String getenv(String variable) {
        return delegate.getenv(variable);
    }

    @Override
    public String getProperty(String key) {
        return delegate.getProperty(key);
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return delegate.openUserConfig(parent, fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return delegate.openJGitConfig(parent, fs);
    }

    @Override
    public long getCurrentTime() {
        return delegate.getCurrentTime();
    }

    @Override
    public Instant now() {
        return delegate.now();
    }

    @Override
    public int getTimezone(long when) {
        return delegate.getTimezone(when);
    }
}
