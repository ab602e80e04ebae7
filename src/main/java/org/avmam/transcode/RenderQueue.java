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

    @Transactional(Transactional.TxType.MANDATORY)
    public Job enqueue(UUID assetId, TranscodeProfile p) {
        JobType.Queue queue = p.output().kind() == TranscodeProfile.Kind.IMAGE ? JobType.Queue.IMAGE : JobType.Queue.TRANSCODE;
        return jobs.enqueue(assetId, JobType.RENDER, p.name(), queue, profiles.imagePriority(p));
    }
}
