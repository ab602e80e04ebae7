package org.avmam.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of the use register (利用登记). */
@Entity
@Table(name = "use_register")
public class UseEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    public String username;

    public String roles;

    @Column(name = "asset_id")
    public UUID assetId;

    @Column(name = "archival_code")
    public String archivalCode;

    @Column(name = "open_status")
    public String openStatus;

    public String kind;

    public String item;

    public String purpose;

    public String approval;

    public String client;
}
