package org.avmam.asset;

import java.util.UUID;

/**
 * Fired, synchronously and inside the transaction that changed it, whenever what an asset's search
 * document holds has changed (its record, description, transcript, vocabulary links, code). The
 * search outbox observes it and records the change in the same transaction, so the index can never
 * miss a committed change; the features that change assets need not know about search.
 */
public record AssetChanged(UUID assetId) {}
