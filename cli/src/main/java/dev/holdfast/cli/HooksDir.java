package dev.holdfast.cli;

import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;

import java.nio.file.Path;

/** Where git looks for hooks: {@code core.hooksPath} (husky sets it) relative to the work tree, else the hooks folder. */
final class HooksDir {
    private HooksDir() {
    }

    static Path of(Repository repo) {
        String configured = repo.getConfig().getString(ConfigConstants.CONFIG_CORE_SECTION, null,
                ConfigConstants.CONFIG_KEY_HOOKS_PATH);
        if (configured != null && !configured.isBlank()) {
            String p = configured.startsWith("~/") ? System.getProperty("user.home") + configured.substring(1)
                    : configured;
            Path path = Path.of(p);
            return path.isAbsolute() ? path : repo.getWorkTree().toPath().resolve(path).normalize();
        }
        return repo.getCommonDirectory().toPath().resolve("hooks");
    }
}
