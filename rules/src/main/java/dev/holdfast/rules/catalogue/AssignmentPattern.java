package dev.holdfast.rules.catalogue;

/**
 * The pattern of a rule written as {@code nameContains} + {@code value}: a name that contains the provider's word (as
 * a word of the name) is assigned a value of the provider's shape, in any of the usual syntaxes ({@code NAME=v}, {@code "name": "v"},
 * {@code name := v}, {@code --name v}, {@code setName("v")}, {@code Client(api_key="v")}). The name is the {@code key}
 * group (matched case-insensitively), the value the {@code secret} group (matched as written).
 */
final class AssignmentPattern {
    private static final String NAME_CHAR = "[A-Za-z0-9_.$-]";

    private AssignmentPattern() {
    }

    static String of(String nameContains, String value) {
        // The name part starts a word of the name: after a non-letter or as a capitalised word ("ARIZE_KEY",
        // "myArizeKey"), not inside one ("summarize").
        return "(?i)(?<!" + NAME_CHAR + ")(?<key>" + NAME_CHAR + "{0,40}?(?:(?<![A-Za-z])|(?-i:(?=[A-Z])))(?:"
                + nameContains + ")" + NAME_CHAR
                + "{0,40}?)[\"'`\\]]{0,2}\\s{0,5}(?:=>|:=|\\?=|::?|=|,|\\(|\\s)\\s{0,5}(?:[\\[({\"'`]\\s{0,3}){0,3}"
                + "(?:[A-Za-z_]\\w{0,30}\\s{0,3}[=:]\\s{0,3}[\"'`]?)?"
                + "(?-i:(?<secret>" + value + "))(?![A-Za-z0-9_+/=-])";
    }
}
