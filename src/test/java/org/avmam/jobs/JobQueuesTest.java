package org.avmam.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/** The operators' view of the queues: each queue's waiting, due, running and failed jobs, for operators only. */
@QuarkusTest
class JobQueuesTest {

    @Test
    void eachQueueCountsItsWaitingAndFailedJobs() {
        Map<String, Object> before = storage();
        List<Long> made = QuarkusTransaction.requiringNew().call(() -> List.of(
                job(Job.State.PENDING, Instant.now().plus(Duration.ofDays(1))).id, // waiting, not yet due: no worker takes it
                job(Job.State.FAILED, Instant.now().minus(Duration.ofHours(1))).id));
        Map<String, Object> after;
        try {
            after = storage();
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Job.delete("id in ?1", made));
        }
        assertEquals(number(before, "pending") + 1, number(after, "pending"), after.toString());
        assertEquals(number(before, "due"), number(after, "due"), "a job not yet due is not counted as due: " + after);
        assertEquals(number(before, "failed") + 1, number(after, "failed"), after.toString());
        if (number(after, "due") == 0) {
            assertNull(after.get("oldestDueSeconds"), "no due job, no waiting time");
        }
        List<String> queues = given().get("/api/v1/jobs/queues").then().statusCode(200).extract().jsonPath().getList("queue");
        assertEquals(Arrays.stream(JobType.Queue.values()).map(Enum::name).toList(), queues, "every queue, in order, even an empty one");
    }

    @Test
    void onlyOperatorsSeeTheQueues() {
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/jobs/queues").then().statusCode(401).contentType("application/problem+json");
        String reader = TestAuth.newUser("READER").authorization();
        given().header("Authorization", reader).get("/api/v1/jobs/queues").then().statusCode(403).contentType("application/problem+json");
    }

    private static Job job(Job.State state, Instant runAt) {
        Job j = new Job();
        j.type = JobType.REPLICATE;
        j.queue = JobType.Queue.STORAGE;
        j.payload = "{}";
        j.state = state;
        j.maxAttempts = 3;
        j.attempts = state == Job.State.FAILED ? 3 : 0;
        j.createdAt = Instant.now();
        j.runAt = runAt;
        j.finishedAt = state == Job.State.FAILED ? Instant.now() : null;
        j.lastError = state == Job.State.FAILED ? "the replica store refused the copy (test)" : null;
        j.persist();
        return j;
    }

    private static Map<String, Object> storage() {
        JsonPath queues = given().get("/api/v1/jobs/queues").then().statusCode(200).extract().jsonPath();
        return queues.getMap("find { it.queue == 'STORAGE' }");
    }

    private static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
