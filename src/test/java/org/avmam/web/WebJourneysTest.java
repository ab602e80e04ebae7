package org.avmam.web;

import io.quarkus.test.junit.QuarkusTest;

/** The journeys in English: every browser asks for en-GB. */
@QuarkusTest
class WebJourneysTest extends WebJourneys {

    @Override
    String language() {
        return "en-GB";
    }

    @Override
    String keyword() {
        return "Zephyrquay";
    }

    @Override
    String own(String name) {
        return name;
    }

    @Override
    String wrongPasswordDetail() {
        return "wrong user name or password";
    }
}
