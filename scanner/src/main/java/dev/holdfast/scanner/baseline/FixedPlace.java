package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a fix replaced a secret with a reference, in a form that survives later edits to the file: the place (the
 * key path or assignment target, see {@link dev.holdfast.scanner.baseline.place.PlaceIndex}) and the reference the fix put
 * there. A hardcoded secret at that place later, whatever its value, means the fix was undone.
 *
 * @param place     e.g. {@code payments.api-key}, {@code PaymentsConfig.API_KEY}
 * @param reference the value expression the fix wrote, e.g. {@code ${PAYMENTS_API_KEY}}; null when it could not be
 *                  told apart from a value (it is never stored when it might be one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixedPlace(String place, String reference) {
}
