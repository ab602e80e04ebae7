package org.avmam.access;

import jakarta.enterprise.context.ApplicationScoped;
import org.avmam.provenance.Actors;

/** Provenance's agent for events a user causes: the signed-in user, never a name the client typed. */
@ApplicationScoped
public class SignedInActors implements Actors {

    private final Callers callers;

    public SignedInActors(Callers callers) {
        this.callers = callers;
    }

    @Override
    public String current() {
        Caller c = callers.current();
        return c.kind() == Caller.Kind.USER ? c.username() : null;
    }
}
