package dev.holdfast.rules.model;

/** A named identity as git or a cloud records it. */
public record Person(String name, String email) {
}
