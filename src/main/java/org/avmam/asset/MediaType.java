package org.avmam.asset;

/** The kinds of media the archive holds; decided from the file's bytes, never from its name. */
public enum MediaType {
    IMAGE,
    VIDEO,
    AUDIO
}
