package dev.holdfast.scanner.git;

import java.io.IOException;

/**
 * Objects a scan needs are not in the repository and could not be fetched (a partial or shallow clone, a damaged
 * repository). The message is one line that names what is missing and what to do; the scan fails, never "clean".
 */
public final class MissingObjectsException extends IOException {
    public MissingObjectsException(String message) {
        super(message);
    }
}
