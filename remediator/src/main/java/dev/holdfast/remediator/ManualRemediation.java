package dev.holdfast.remediator;

import dev.holdfast.rules.model.Finding;

/**
 * A regression Holdfast would not change automatically: nothing was safe, so a person has to act.
 *
 * @param reason one line saying why (never a raw secret)
 */
public record ManualRemediation(Finding finding, String reason) {
}
