package org.blockhost.engine.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine core uses now (one engine is active). Core registers this service for that engine, with the engine's id
 * as the service property {@value EngineId#PROPERTY}, and withdraws it when another engine takes over or none is left.
 *
 * <p>Engines share public paths ({@code /}, {@code /servers}, {@code /sign}, {@code /api/public/*}); the HTTP
 * whiteboard would serve whichever servlet came first, the inactive engine's included. So an engine's public servlets
 * reference this service with the target {@code (org.blockhost.engine.id=<own id>)}: they are registered only while
 * their engine is the active one. Since 1.8.
 */
@ProviderType
public interface ActiveEngine {

    /** The active engine's id, the value of its {@value EngineId#PROPERTY}. */
    String id();
}
