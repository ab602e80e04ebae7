package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;

/**
 * A probe's result: the normalised record the rest of avmam uses, and the tool's own output as it
 * came (ffprobe's JSON; every directory and tag metadata-extractor read), kept on the asset for
 * audit: what was normalised can always be checked against what the tool said.
 */
public record Probed(TechnicalMetadata technical, String raw) {}
