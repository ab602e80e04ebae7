package org.avmam.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of the append-only audit log. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public long seq;

    public Instant at;

    public String username;

    public String client;

    public String action;

    public String resource;

    public String decision;

    public Integer status;

    public String detail;

    @Column(name = "prev_hash")
    public String prevHash;

    public String hash;
}
