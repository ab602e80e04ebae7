package org.avmam.transcode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;

/**
 * Where a render goes. Renders of images go to the IMAGE queue, so thumbnails never wait behind
 * an hour of video; there the smallest image profile (the thumbnail) goes first and larger ones
 * after, so a 500-photo shoot is browsable as a grid before its previews are done.
 */
@ApplicationScoped
public class RenderQueue {

    private final JobQueue jobs;
    private final ProfileRegistry profiles;

    public RenderQueue(JobQueue jobs, ProfileRegistry profiles) {
        this.jobs = jobs;
        this.profiles = profiles;
    }

    /**
     * For the renditions of a newly probed asset: nothing is queued for one already made at this
     * profile version (a JPEG's thumbnail, made by its validation decode).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueUnlessCurrent(UUID assetId, TranscodeProfile p) {
        boolean current = Rendition.find(assetId, p.name())
                .filter(r -> r.state == Rendition.State.READY && r.profileVersion == p.version()).isPresent();
        if (!current) {
            enqueue(assetId, p);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Job enqueue(UUID assetId, TranscodeProfile p) {
        JobType.Queue queue = p.output().kind() == TranscodeProfile.Kind.IMAGE ? JobType.Queue.IMAGE : JobType.Queue.TRANSCODE;
        return jobs.enqueue(assetId, JobType.RENDER, p.name(), queue, profiles.imagePriority(p));
    }
}
