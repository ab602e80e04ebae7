package org.avmam.transcode.heif;

import java.io.IOException;

/** A HEIF file avmam cannot decode; the message is a sentence for the person who uploaded it. */
public class HeifException extends IOException {
    public HeifException(String message) {
        super(message);
    }
}
