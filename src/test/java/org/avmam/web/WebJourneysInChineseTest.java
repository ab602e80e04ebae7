package org.avmam.web;

import io.quarkus.test.junit.QuarkusTest;

/** The journeys in Chinese: every browser asks for zh-CN. */
@QuarkusTest
class WebJourneysInChineseTest extends WebJourneys {

    @Override
    String language() {
        return "zh-CN";
    }

    @Override
    String keyword() {
        return "Quillmarsh";
    }

    @Override
    String own(String name) {
        return name + "zh";
    }

    @Override
    String wrongPasswordDetail() {
        return "用户名或密码错误";
    }
}
