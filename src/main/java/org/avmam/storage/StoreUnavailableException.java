package org.avmam.storage;

import java.io.IOException;

/**
 * The store cannot be reached now (a replica's server is down, its folder is not mounted): work
 * against it waits and is tried again, and nothing is concluded about the copies it holds.
 */
public class StoreUnavailableException extends IOException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
