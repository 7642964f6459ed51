package io.entrascim.mapper.expression;

/** Where {@code [attributeName]} references are looked up. Returns null when the attribute is absent. */
@FunctionalInterface
public interface AttributeSource {
    Object get(String name);
}
