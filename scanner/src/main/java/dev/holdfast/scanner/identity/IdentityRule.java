package dev.holdfast.scanner.identity;

import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Person;

import java.util.regex.Pattern;

/** One identity pattern: matches when every regex it has is found in the person's name / email. */
record IdentityRule(IdentityKind kind, Pattern name, Pattern email) {

    boolean matches(Person p) {
        if (name != null && !name.matcher(nz(p.name())).find()) {
            return false;
        }
        return email == null || email.matcher(nz(p.email())).find();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
