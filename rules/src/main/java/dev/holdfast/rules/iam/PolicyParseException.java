package dev.holdfast.rules.iam;

/** A policy document that is not valid IAM policy JSON; the message is one line naming what and where. */
public class PolicyParseException extends Exception {
    private final int line;

    public PolicyParseException(String message, int line) {
        super(oneLine(message) + (line > 0 ? " (line " + line + ")" : ""));
        this.line = line;
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "malformed policy";
        }
        String first = s.strip().lines().findFirst().orElse("malformed policy");
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}
