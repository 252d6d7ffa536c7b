package dev.holdfast.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * What a report had to leave out or could not compute (truncation, files it could not read). The CLI prints these on
 * stderr; a report never prints by itself.
 */
public final class ReportWarnings {
    private final List<String> messages = new ArrayList<>();

    public synchronized void add(String message) {
        messages.add(message);
    }

    public synchronized List<String> list() {
        return List.copyOf(messages);
    }

    public synchronized boolean isEmpty() {
        return messages.isEmpty();
    }
}
