package org.avmam.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/**
 * Problem details in the caller's language: the web application's remembered choice (cookie avmam-lang), else
 * Accept-Language, else English; for refusals in resources, and for those given below them (sign-in, body size).
 */
@QuarkusTest
class ProblemLanguageTest {

    @Test
    void aMissingRecordIsNamedInChineseWhenTheCallerAsksForIt() {
        UUID id = UUID.randomUUID();
        given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").get("/api/v1/assets/" + id).then().statusCode(404)
                .contentType("application/problem+json").header("Content-Language", "zh-CN")
                .body("title", equalTo("未找到"), "detail", equalTo("没有编号为 " + id + " 的资产"));
        given().get("/api/v1/assets/" + id).then().statusCode(404).header("Content-Language", "en")
                .body("title", equalTo("Not found"), "detail", equalTo("no asset with id " + id));
    }

    @Test
    void theRememberedChoiceOfThePagesWinsOverAcceptLanguage() {
        given().cookie(Languages.COOKIE, "zh-CN").header("Accept-Language", "en-GB").queryParam("mine", "yes").get("/api/v1/batches")
                .then().statusCode(400).body("title", equalTo("请求错误"), "detail", equalTo("mine 为 true 或 false（收到“yes”）"));
        given().cookie(Languages.COOKIE, "en").header("Accept-Language", "zh-CN").queryParam("mine", "yes").get("/api/v1/batches")
                .then().statusCode(400).body("detail", equalTo("mine is true or false (got 'yes')"));
    }

    @Test
    void aValidationMessageCarriesItsValuesIntoTheTranslation() {
        given().header("Accept-Language", "zh-CN").queryParam("minDuration", "ten").get("/api/v1/search").then().statusCode(400)
                .body("detail", equalTo("minDuration 须为秒数（收到“ten”）"));
        given().header("Accept-Language", "zh-CN").contentType("application/json").body(Map.of("kind", "EVENT", "name", "问题语言",
                "language", "english please")).post("/api/v1/batches").then().statusCode(400)
                .body("detail", equalTo("“english please”不是 BCP 47 语言标记（例如 en、zh-CN）"));
    }

    @Test
    void refusalsBelowTheResourcesAreTranslatedToo() {
        // The sign-in form: a wrong password.
        given().header(TestAuth.ANONYMOUS, "1").header("Accept-Language", "zh-CN").redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("j_username", "admin").formParam("j_password", "not-the-password")
                .post("/j_security_check").then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("未登录"), "detail", equalTo("用户名或密码错误"));
        // A body over the limit, refused before it is read.
        String huge = "{\"kind\":\"EVENT\",\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        given().cookie("other", "1").cookie(Languages.COOKIE, "zh-CN").header("Accept-Language", "en").contentType("application/json").body(huge)
                .post("/api/v1/batches").then().statusCode(413)
                .body("title", equalTo("内容过大"), "detail", containsString("avmam.api.max-body-size"), "detail", containsString("请求体超过"));
    }

    @Test
    void theQueryLanguagesOwnRefusalsAreTranslatedWithTheirPositions() {
        given().header("Accept-Language", "zh-CN").queryParam("q", "war \"peace").get("/api/v1/search").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("请求错误"), "detail", equalTo("第 5 个字符处的引号没有闭合"));
        given().header("Accept-Language", "zh-CN").queryParam("q", "colour:red").get("/api/v1/search").then().statusCode(400)
                .body("detail", startsWith("第 1 个字符处的字段“colour:”不存在；可用字段为 "));
        given().header("Accept-Language", "zh-CN").queryParam("q", "-war").get("/api/v1/search").then().statusCode(400)
                .body("detail", equalTo("检索式只有排除项；请同时写明要查找的内容（或不填 q，改用筛选条件）"));
        given().header("Accept-Language", "zh-CN").queryParam("bbox", "1,50,2,40").get("/api/v1/search").then().statusCode(400)
                .body("detail", equalTo("bbox：南边界（50.0）位于北边界（40.0）以北"));
        given().header("Accept-Language", "zh-CN").queryParam("cursor", "not-a-cursor").get("/api/v1/search").then().statusCode(400)
                .body("detail", equalTo("cursor 不是本服务生成的游标（请原样传入上一页返回的 'next'）"));
        given().queryParam("q", "war \"peace").get("/api/v1/search").then().statusCode(400)
                .body("detail", equalTo("the quote opened at position 5 is not closed"));
    }

    @Test
    void anUploadRefusedBeforeItsBodyIsReadIsTranslated() {
        given().header("Accept-Language", "zh-CN").header("Tus-Resumable", "1.0.0").header("Upload-Length", 10)
                .header("Upload-Metadata", "filename %%%").post("/api/v1/uploads").then().statusCode(400)
                .body("detail", equalTo("Upload-Metadata 中“filename”的值不是 Base64"));
        given().header("Accept-Language", "zh-CN").contentType("multipart/form-data; boundary=\"a b \"").body("--x--".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .post("/api/v1/assets").then().statusCode(400)
                .body("detail", equalTo("multipart 的 Content-Type 需要 1 至 70 个字符的 boundary（RFC 2046），收到“a b ”"));
    }
}
