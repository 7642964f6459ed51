package io.entrascim.contracts;

/** Kind of directory object being provisioned. */
public enum ObjectType {
    USER, GROUP
}
