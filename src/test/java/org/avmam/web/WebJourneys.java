package org.avmam.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.avmam.Fixtures;
import org.avmam.api.Languages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The journeys, each a test, in a real Chromium against the running service: a photographer signs in and
 * uploads a shoot of photos and a spoken video through /upload; searches and filters by a facet; an editor plays the
 * video and clicks a transcript word, marks in and out with the keys, creates a clip and puts it and a photo into a
 * collection whose package is built; an archivist edits a description and opens a record through review, and closes
 * another; a reader then finds the closed record nowhere in the interface.
 *
 * <p>The journeys run once in English ({@link WebJourneysTest}) and once in Chinese ({@link WebJourneysInChineseTest}),
 * every user's browser asking for that language, and every text they check is the interface's message in it. Each run
 * has its own users, its own word to search for and its own files (the Chinese run's carry a comment, so the archive
 * takes them as new records, not as duplicates of the English run's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WebJourneys {

    static final String PASSWORD = "Correct-horse-battery-9";
    static final Duration PROCESSING = Duration.ofSeconds(240);
    static final Duration UI = Duration.ofSeconds(20);
    static Browser browser;
    static String photo;
    static String video;
    static String collection;

    /** The browser's language: {@code en-GB} or {@code zh-CN}. */
    abstract String language();

    /** A word that only this run's records hold. */
    abstract String keyword();

    /**
     * The files of this run's shoot: a camera photo (with GPS), a PNG and a spoken video, under their usual names. Each
     * is the fixture with a comment naming the run added where its format keeps one (a JPEG COM segment, a PNG tEXt
     * chunk, an MP4 free box), so its bytes are this run's own: the archive takes them as new records, not as
     * duplicates of the other run's or of another test's upload of the same fixture.
     */
    List<Path> shoot() {
        byte[] note = ("avmam web journey, " + language()).getBytes(StandardCharsets.US_ASCII);
        try {
            Path dir = Files.createDirectories(Path.of("target/web-journeys-" + language()));
            return List.of(write(dir.resolve("camera.jpg"), withJpegComment(Files.readAllBytes(Fixtures.CAMERA_JPEG), note)),
                    write(dir.resolve("a.png"), withPngText(Files.readAllBytes(Path.of("src/test/resources/media/formats/a.png")), note)),
                    write(dir.resolve(Fixtures.SPEECH_VIDEO.getFileName().toString()), withFreeBox(Files.readAllBytes(Fixtures.SPEECH_VIDEO), note)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Told apart from the other run: users, fonds, terms. */
    abstract String own(String name);

    /** The messages the pages are built from, loaded (and checked complete) as the service loads them. */
    private static final I18n MESSAGES = new I18n();

    /** The interface's message {@code key} in this run's language, its {name} places filled from {@code values} (name, value, ...). */
    String t(String key, Object... values) {
        String text = MESSAGES.messages(Languages.choose(null, language())).get(key);
        if (text == null) {
            throw new IllegalArgumentException("no message " + key);
        }
        for (int i = 0; i + 1 < values.length; i += 2) {
            text = text.replace("{" + values[i] + "}", String.valueOf(values[i + 1]));
        }
        return text;
    }

    /** The API's sentence for a wrong password, as the sign-in form shows it after the interface's own. */
    abstract String wrongPasswordDetail();

    @BeforeEach
    void setUp() {
        Browser.requireChromium();
        if (browser != null) {
            return;
        }
        for (String[] u : List.of(new String[] {"pho", "PHOTOGRAPHER"}, new String[] {"eddie", "EDITOR"}, new String[] {"ana", "ARCHIVIST"},
                new String[] {"rei", "READER"})) {
            given().contentType("application/json").body(Map.of("username", own(u[0]), "password", PASSWORD, "role", u[1])).post("/api/v1/users")
                    .then().statusCode(201);
        }
        browser = Browser.open("http://localhost:" + RestAssured.port, language());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** A browser of its own for a user, so each journey starts signed out with no cookies. */
    void as(String user) {
        if (browser != null) {
            browser.close();
        }
        browser = Browser.open("http://localhost:" + RestAssured.port, language());
        browser.signIn(own(user), PASSWORD);
    }

    void screenshot(String name) {
        browser.screenshot(language().startsWith("zh") ? "zh-" + name : name);
    }

    @Test
    @Order(1)
    void signIn() {
        browser.go("/");
        screenshot("sign-in");
        signInAfterAWrongPassword(own("pho"));
        List<String> nav = browser.all("header nav a").stream().map(WebElement::getText).toList();
        assertEquals(List.of(t("nav.search"), t("nav.upload"), t("nav.collections")), nav, "a photographer's navigation, in the browser's language");
        assertEquals(own("pho"), browser.find(".who").getText());
    }

    @Test
    @Order(2)
    void uploadAShootOfPhotosAndASpokenVideoAndSeeThemReady() {
        browser.go("/upload");
        browser.find("#b-name").sendKeys(keyword() + " festival");
        browser.find("#b-event").sendKeys(keyword() + " festival opening");
        browser.find("#b-place").sendKeys("North quay");
        browser.find("#batch-create").click();
        browser.awaitVisible("#batch-current", UI);
        String files = String.join("\n", shoot().stream().map(p -> p.toAbsolutePath().toString()).toList());
        java.time.Instant sent = java.time.Instant.now();
        browser.find("#files").sendKeys(files);
        browser.await("three upload rows", UI, d -> browser.all("#upload-rows tr").size() == 3);
        screenshot("upload-progress");
        browser.await("every file processed and READY (live over server-sent events)", PROCESSING,
                d -> browser.all("#upload-rows tr").stream().allMatch(r -> "READY".equals(r.getDomAttribute("data-state"))));
        assertEquals(t("upload.summary", "files", 3, "ready", 3, "failed", 0, "duplicates", 0), browser.find("#upload-summary").getText());
        // Each file (all under one chunk) went with its creation request: three POSTs, no PATCH.
        Fixtures.await("the audit entries of the three creation requests", UI, () -> Fixtures.auditedRequests("POST", "/api/v1/uploads", sent) >= 3);
        assertEquals(3, Fixtures.auditedRequests("POST", "/api/v1/uploads", sent));
        assertEquals(0, Fixtures.auditedRequests("PATCH", "/api/v1/uploads/%", sent), "no file needed a PATCH");
        // The shoot is done: the page stops listening rather than reconnecting to the ended stream every few seconds.
        browser.await("the event stream closed once every file was done", UI,
                d -> "false".equals(browser.find("#upload-summary").getDomAttribute("data-live")));
        browser.js("document.getElementById('upload-rows').scrollIntoView()");
        screenshot("upload");
        for (WebElement row : browser.all("#upload-rows tr")) {
            String href = row.findElement(By.cssSelector(".status a")).getDomAttribute("href");
            String id = href.substring(href.lastIndexOf('/') + 1);
            if (row.getDomAttribute("data-file").endsWith(".mp4")) {
                video = id;
            } else if (row.getDomAttribute("data-file").equals("camera.jpg")) {
                photo = id;
            }
        }
        assertTrue(photo != null && video != null, "the rows link to their records");
        browser.go("/upload");
        browser.await("my uploads lists the shoot", UI, d -> browser.find("#my-batches").getText().contains(keyword() + " festival"));
    }

    @Test
    @Order(3)
    void searchAndFilterByAFacet() {
        browser.go("/");
        browser.find("#q").sendKeys(keyword(), Keys.ENTER);
        browser.await("the shoot's three records found", Duration.ofSeconds(60), d -> {
            if (browser.all("#results .tile").size() < 3) {
                browser.find("#search-form button[type=submit]").click();
                return false;
            }
            return true;
        });
        browser.await("every thumbnail loaded", UI, d -> (Boolean) browser.js(
                "return [...document.querySelectorAll('#results img')].every(i => i.complete && i.naturalWidth > 0)"));
        screenshot("search");
        // The map: the geotagged photo (camera.jpg carries GPS) is a point on it; no tiles are configured.
        browser.find("button[data-view=map]").click();
        browser.await("the map's point", UI, d -> browser.all("#map path.leaflet-interactive").size() == 1);
        assertTrue(browser.find("#map-note").getText().startsWith(t("map.count", "placed", 1, "total", 3)), browser.find("#map-note").getText());
        browser.find("button[data-view=grid]").click();
        WebElement videoFacet = browser.await("the media type facet offers Video", UI, d -> browser.all(".facet-value").stream()
                .filter(b -> "mediaType".equals(b.getDomAttribute("data-facet")) && "VIDEO".equals(b.getDomAttribute("data-value"))).findFirst()
                .orElse(null));
        assertTrue(videoFacet.getText().contains("1"), "the facet shows its count: " + videoFacet.getText());
        videoFacet.click();
        browser.await("only the video left", UI, d -> browser.all("#results .tile").size() == 1);
        assertEquals(video, browser.find("#results .tile").getDomAttribute("data-id"));
        assertTrue(browser.driver.getCurrentUrl().contains("mediaType=VIDEO"), browser.driver.getCurrentUrl());
        assertEquals("true", browser.find(".facet-value[data-value=VIDEO]").getDomAttribute("aria-pressed"));
    }

    @Test
    @Order(4)
    void playTheVideoAndClickATranscriptWordToSeekThere() {
        as("eddie");
        assertEquals(t("nav.search"), browser.find("header nav a").getText(), "the interface follows the browser's language");
        browser.go("/assets/" + video);
        browser.await("the transcript's words", PROCESSING, d -> browser.all("#transcript .w").size() > 5);
        assertEquals(t("transcript.version", "v", 1, "source", t("transcript.source.MACHINE")), browser.find("#transcript p.muted").getText());
        browser.await("the player has the proxy", UI, d -> ((Number) browser.js("return document.getElementById('player').readyState")).intValue() >= 1);
        browser.js("return document.getElementById('player').play()");
        List<WebElement> words = browser.all("#transcript .w");
        WebElement word = words.get(words.size() / 2);
        double start = Double.parseDouble(word.getDomAttribute("data-start"));
        word.click();
        browser.await("the player's time at the word's start", UI,
                d -> Math.abs(((Number) browser.js("return document.getElementById('player').currentTime")).doubleValue() - start) < 0.35);
        browser.await("the word highlighted", UI, d -> browser.all("#transcript .w.now").size() == 1);
        browser.js("document.getElementById('player').pause()");
        // The sound drawn by peaks.js from the waveform's peaks; a click three quarters along the overview goes there.
        browser.await("the waveform under the player", UI, d -> (Boolean) browser.js(
                "const p = document.getElementById('peaks'); return !p.hidden && p.dataset.ready === 'true'"
                        + " && document.querySelectorAll('#peaks-overview canvas').length > 0"));
        WebElement overview = browser.find("#peaks-overview");
        double duration = ((Number) browser.js("return document.getElementById('player').duration")).doubleValue();
        new Actions(browser.driver).moveToElement(overview, overview.getSize().getWidth() / 4, 0).click().perform();
        browser.await("the player at three quarters of the recording", UI,
                d -> Math.abs(((Number) browser.js("return document.getElementById('player').currentTime")).doubleValue()
                        - 0.75 * duration) < 0.05 * duration);
        screenshot("asset-video");
        // Where peaks.js cannot run (here: its file never arrives), the waveform rendition's PNG is drawn in the strip instead.
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/peaks.min.js")));
        try {
            browser.go("/assets/" + video);
            browser.await("the waveform's PNG in place of peaks.js", UI, d -> (Boolean) browser.js(
                    "const w = document.getElementById('waveform'); return !w.hidden && w.complete && w.naturalWidth > 0"
                            + " && /\\.png$/.test(w.src) && document.getElementById('peaks').hidden"));
        } finally {
            browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    @Test
    @Order(5)
    void markInAndOutWithTheKeysCreateAClipCollectItAndAPhotoAndBuildThePackage() {
        // A collection to pull into.
        browser.go("/collections");
        browser.find("#nc-title").sendKeys("Harbour exhibition");
        browser.find("#nc-create").click();
        browser.await("the new collection's page", UI, d -> d.getCurrentUrl().contains("/collections/") && browser.find("#collection-title").getText()
                .equals("Harbour exhibition"));
        String url = browser.driver.getCurrentUrl();
        collection = url.substring(url.lastIndexOf('/') + 1);

        browser.go("/assets/" + video);
        browser.await("the player ready", UI, d -> ((Number) browser.js("return document.getElementById('player').readyState")).intValue() >= 1);
        browser.find("body").click();
        Actions keys = new Actions(browser.driver);
        // Two frames on, mark in; twenty-five frames on (one second at 25 fps), mark out.
        keys.sendKeys(Keys.ARROW_RIGHT).sendKeys(Keys.ARROW_RIGHT).sendKeys("i").perform();
        browser.await("the in mark", UI, d -> !browser.find("#mark-in").getText().equals("–"));
        for (int i = 0; i < 25; i++) {
            keys.sendKeys(Keys.ARROW_RIGHT).perform();
        }
        keys.sendKeys("o").perform();
        browser.await("the out mark", UI, d -> !browser.find("#mark-out").getText().equals("–"));
        String in = browser.find("#mark-in").getText();
        String out = browser.find("#mark-out").getText();
        assertFalse(in.equals(out), in + " – " + out);
        browser.find("#clip-title").sendKeys("Opening words");
        browser.find("#create-clip").click();
        WebElement clip = browser.await("the clip in the list", UI, d -> browser.all("#clips li.clip").stream()
                .filter(li -> li.getText().contains("Opening words")).findFirst().orElse(null));
        assertTrue(clip.getText().contains(in) && clip.getText().contains(out), "the clip has the marked range: " + clip.getText());
        browser.await("the collection to choose", UI, d -> browser.all("#collect-target option[value='" + collection + "']").size() == 1);
        clip.findElement(By.cssSelector(".clip-collect")).click();
        browser.await("added", UI, d -> browser.find("#toast").getText().equals(t("collection.added")));
        browser.js("document.getElementById('clips-panel').scrollIntoView({block: 'center'})");
        screenshot("asset-clip");

        browser.go("/assets/" + photo);
        browser.await("the collection to choose", UI, d -> browser.all("#collect-target option[value='" + collection + "']").size() == 1);
        browser.find("#collect-add").click();
        browser.await("added", UI, d -> browser.find("#toast").getText().equals(t("collection.added")));

        browser.go("/collections/" + collection);
        browser.await("both items", UI, d -> browser.all("#items li.item").size() == 2);
        browser.find("#build-package").click();
        browser.awaitVisible("#download-package", PROCESSING);
        screenshot("collection");
        String href = browser.find("#download-package").getDomAttribute("href");
        given().auth().preemptive().basic(own("eddie"), PASSWORD).get(href).then().statusCode(200).contentType("application/zip");
    }

    @Test
    @Order(6)
    void aRoughCutFromTheClipTrimmedAndExportedAndTheClipExportedWithProgress() {
        browser.go("/assets/" + video);
        browser.await("the clips list and the collections loaded", UI, d -> browser.all("#clips li.clip .clip-export").size() == 1
                && !browser.all("#collect-target option").isEmpty());
        browser.find("#clips li.clip .clip-export").click();
        WebElement download = browser.awaitVisible("#clips li.clip a.button", PROCESSING);
        given().auth().preemptive().basic(own("eddie"), PASSWORD).get(download.getDomAttribute("href")).then().statusCode(200);
        browser.find("#clips li.clip .clip-pick").click();
        browser.find("#new-sequence").click();
        browser.await("the sequence page", UI, d -> d.getCurrentUrl().contains("/sequences/") && browser.all("#sequence-items li.item").size() == 1);
        WebElement in = browser.find("input[data-trim=in]");
        long before = Long.parseLong(in.getDomProperty("value"));
        String sourceIn = browser.find("#sequence-items .muted").getText();
        // Typed over (select all, new value, leave the field): one change, as a person makes it.
        in.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(before + 5), Keys.TAB);
        browser.await("the trimmed in point", UI, d -> !browser.find("#sequence-items .muted").getText().equals(sourceIn)
                && browser.find("input[data-trim=in]").getDomProperty("value").equals(String.valueOf(before + 5)));
        screenshot("sequence");
        String edl = given().auth().preemptive().basic(own("eddie"), PASSWORD).get(browser.find("#export-link").getDomAttribute("href")).then()
                .statusCode(200).extract().asString();
        assertTrue(edl.startsWith("TITLE:"), edl);
    }

    @Test
    @Order(7)
    void anArchivistEditsADescriptionAndOpensARecordThroughReview() {
        as("ana");
        browser.go("/assets/" + photo);
        WebElement title = browser.await("the description form", UI, d -> browser.all("#d-title").stream().findFirst().orElse(null));
        title.clear();
        title.sendKeys("Harbour festival, the ribbon is cut");
        browser.find("#description-save").click();
        browser.await("saved", UI, d -> browser.find("#toast").getText().equals(t("description.saved")));
        browser.await("the new title", UI, d -> browser.find("#d-title").getDomProperty("value").equals("Harbour festival, the ribbon is cut"));
        assertEquals(t("description.source", "source", "asset.title"), browser.find("#d-title-src").getText(), "the form says where the value came from");
        assertTrue(browser.find("label[for=d-title]").getText().endsWith("*"), "a mandatory element is marked");

        browser.find("#rv-status option[value=OPEN]").click();
        browser.find("#rv-reason option[value=NO_RESTRICTION]").click();
        browser.find("#rv-submit").click();
        browser.await("opened", UI, d -> browser.find("#rv-current").getText().equals(t("status.OPEN")));
        screenshot("asset-photo");

        // The video is closed, for the reader's journey; the review page lists what is still unreviewed.
        browser.go("/assets/" + video);
        browser.await("the review form", UI, d -> browser.all("#rv-status").size() == 1);
        browser.find("#rv-status option[value=CLOSED]").click();
        browser.find("#rv-reason option[value=PERSONAL_PRIVACY]").click();
        browser.find("#rv-date").sendKeys("01012040");
        browser.find("#rv-submit").click();
        browser.await("closed", UI, d -> browser.find("#rv-current").getText().equals(t("status.CLOSED")));
        given().get("/api/v1/assets/" + video).then().body("openStatus", org.hamcrest.Matchers.equalTo("CLOSED"));
        browser.go("/review");
        browser.await("the review queue", UI, d -> !browser.all("#review-rows tr").isEmpty());
        screenshot("review");
        browser.go("/statistics");
        browser.await("the charts", UI, d -> browser.all("svg.chart").size() >= 3);
        screenshot("statistics");
    }

    @Test
    @Order(8)
    void anArchivistCodesARecordAndKeepsAVocabulary() {
        String fondsCode = own("W017").toUpperCase(java.util.Locale.ROOT);
        given().contentType("application/json; charset=UTF-8").body(Map.of("code", fondsCode, "name", "市档案馆 " + fondsCode)).post("/api/v1/fonds")
                .then().statusCode(201);
        browser.go("/assets/" + photo);
        WebElement fonds = browser.await("the description form", UI, d -> browser.all("#d-fonds").stream().findFirst().orElse(null));
        fonds.clear();
        fonds.sendKeys(fondsCode);
        WebElement retention = browser.find("#d-retentionPeriod");
        retention.clear();
        retention.sendKeys("D30");
        browser.find("#description-save").click();
        browser.await("saved", UI, d -> browser.find("#toast").getText().equals(t("description.saved")));
        browser.find("#code-assign").click();
        browser.await("the code shown", UI, d -> browser.find("#code-current").getText().startsWith(fondsCode));
        assertTrue(browser.find("#toast").getText().contains(browser.find("#code-current").getText()));

        String keeper = own("Lighthouse keeper Wen");
        String misspelt = own("Lighthouse keepr Wen");
        browser.go("/vocabularies");
        browser.find("#nt-label").sendKeys(keeper);
        browser.find("#new-term button[data-status=PROPOSED]").click();
        WebElement proposed = browser.await("the proposed term", UI, d -> browser.all("#terms li").stream()
                .filter(li -> li.getText().contains(keeper) && li.getText().contains(t("vocab.status.PROPOSED"))).findFirst().orElse(null));
        proposed.findElement(By.xpath(".//button[text()='" + t("vocab.accept") + "']")).click();
        browser.await("accepted", UI, d -> browser.all("#terms li").stream()
                .anyMatch(li -> li.getText().contains(keeper) && li.getText().contains(t("vocab.status.ACCEPTED"))));
        browser.find("#nt-label").sendKeys(misspelt);
        browser.find("#new-term button[data-status=ACCEPTED]").click();
        WebElement typo = browser.await("the misspelt term", UI, d -> browser.all("#terms li").stream()
                .filter(li -> li.getText().startsWith(misspelt)).findFirst().orElse(null));
        String keep = browser.all("#terms li").stream().filter(li -> li.getText().startsWith(keeper)).findFirst().orElseThrow()
                .getDomAttribute("data-term");
        typo.findElement(By.cssSelector("select option[value='" + keep + "']")).click();
        typo.findElement(By.xpath(".//button[text()='" + t("vocab.merge") + "']")).click();
        browser.await("merged: the misspelling is now an alternative label of the term kept", UI, d -> browser.all("#terms li").stream()
                .noneMatch(li -> li.getText().startsWith(misspelt))
                && browser.find("#terms li[data-term='" + keep + "'] input").getDomProperty("value").contains(misspelt));
        given().get("/api/v1/vocabularies/persons/terms/" + keep).then().statusCode(200)
                .body("altLabels", org.hamcrest.Matchers.hasItem(misspelt));
        screenshot("vocabularies");

        // Batch edit over a selection: the shoot's two photos get the same subject terms in one change, all or none.
        browser.go("/?q=" + keyword() + "&mediaType=IMAGE");
        browser.await("the shoot's two photos", UI, d -> browser.all("#results .tile").size() == 2);
        List<String> photos = browser.all("#results .tile").stream().map(tile -> {
            tile.findElement(By.cssSelector("input.pick")).click();
            return tile.getDomAttribute("data-id");
        }).toList();
        browser.find("#selection-describe").click();
        // A value the API refuses keeps the dialog open with its reason, and nothing changes.
        browser.await("the elements both photos' standard has", UI,
                d -> browser.all("#bulk-element-0 option[value=dateTaken]").stream().findFirst().orElse(null)).click();
        browser.find("#bulk-value-0").sendKeys("the day after the storm");
        browser.find("#bulk-ok").click();
        WebElement refused = browser.awaitVisible("#bulk-error", UI);
        assertTrue(refused.getText().contains("dateTaken"), refused.getText());
        assertTrue(browser.find("#bulk-dialog").isDisplayed(), "the dialog stays open on a refusal");
        browser.find("#bulk-element-0 option[value=keywords]").click();
        browser.find("#bulk-value-0").clear();
        browser.find("#bulk-value-0").sendKeys("harbour; ribbon");
        browser.find("#bulk-ok").click();
        browser.await("applied to both", UI, d -> browser.find("#toast").getText().equals(t("selection.applied", "n", 2)));
        for (String id : photos) {
            List<String> terms = given().get("/api/v1/assets/" + id + "/description").then().statusCode(200).extract().jsonPath()
                    .getList("elements.find { it.key == 'keywords' }.value");
            assertTrue(terms.containsAll(List.of("harbour", "ribbon")), id + ": " + terms);
        }
        // And one open-review decision for the same selection.
        browser.find("#selection-review").click();
        browser.awaitVisible("#bulk-status", UI);
        browser.find("#bulk-status option[value=OPEN]").click();
        browser.find("#bulk-reason option[value=NO_RESTRICTION]").click();
        browser.find("#bulk-ok").click();
        browser.await("decided both", UI, d -> browser.find("#toast").getText().equals(t("review.decidedMany", "n", 2)));
        for (String id : photos) {
            given().get("/api/v1/assets/" + id).then().statusCode(200).body("openStatus", org.hamcrest.Matchers.equalTo("OPEN"));
        }
    }

    @Test
    @Order(9)
    void aReaderCannotSeeTheClosedRecordAnywhereInTheInterface() {
        Fixtures.await("the closed video's new status indexed", Duration.ofSeconds(30), () -> given().queryParam("q", keyword())
                .queryParam("openStatus", "CLOSED").get("/api/v1/search").then().extract().jsonPath().getInt("total") == 1);
        // A refused sign-in gives the API's reason in the browser's language too.
        browser.close();
        browser = Browser.open("http://localhost:" + RestAssured.port, language());
        browser.go("/");
        signInAfterAWrongPassword(own("rei"));
        browser.go("/?q=" + keyword());
        browser.await("the search answered", UI, d -> !browser.find("#result-count").getText().isEmpty());
        List<String> ids = browser.all("#results .tile").stream().map(t -> t.getDomAttribute("data-id")).toList();
        assertFalse(ids.contains(video), "the closed video is not among the reader's results: " + ids);
        assertTrue(ids.contains(photo), "the opened photo is: " + ids);
        assertFalse(browser.driver.getPageSource().contains(video), "the closed record's id appears nowhere on the search page");
        browser.go("/assets/" + video);
        assertEquals(t("error.404"), browser.find("h1").getText());
        String hidden = browser.find("main").getText();
        browser.go("/assets/00000000-0000-0000-0000-000000000000");
        assertEquals(browser.find("main").getText(), hidden, "exactly as a missing record");
        browser.go("/collections/" + collection);
        assertEquals(t("error.404"), browser.find("h1").getText(), "another user's collection, not shared with the reader");
        browser.go("/assets/" + photo);
        browser.await("the open photo's page", UI, d -> browser.find("#asset-title").getText().contains("ribbon"));
        assertTrue(browser.all("#review-form").stream().noneMatch(WebElement::isDisplayed), "a reader is not offered the review form");
        // On a tablet held upright the pages fold into one column: nothing runs off the side.
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1280));
        browser.go("/?q=" + keyword());
        browser.await("the search answered", UI, d -> !browser.find("#result-count").getText().isEmpty());
        assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scrolling at 800 px");
        browser.go("/assets/" + photo);
        browser.await("the open photo's page", UI, d -> browser.find("#asset-title").getText().contains("ribbon"));
        assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scrolling at 800 px");
        screenshot("tablet-asset");
    }

    @Test
    @Order(10)
    void anAdministratorWatchesTheJobsAndKeepsUsersAndTokens() {
        browser.close();
        browser = Browser.open("http://localhost:" + RestAssured.port, language());
        browser.signIn("admin", org.avmam.TestAuth.ADMIN_PASSWORD);
        browser.go("/admin");
        browser.await("health, every check", UI, d -> browser.all("#health li").size() > 1);
        browser.await("the queues", UI, d -> !browser.all("#queues tr").isEmpty());
        browser.await("the transcode profiles", UI, d -> browser.all("#profiles li").size() > 3);
        // The shoot's jobs, done, in the interface's words.
        browser.find("#job-state option[value=DONE]").click();
        browser.await("the jobs done", UI, d -> !browser.all("#jobs tr progress").isEmpty());
        assertTrue(browser.find("#jobs tr td:nth-child(2)").getText().startsWith(t("job.DONE")), browser.find("#jobs tr td:nth-child(2)").getText());
        // A new account with a role, then given another.
        String user = own("exhibitor");
        browser.find("#nu-name").sendKeys(user);
        browser.find("#nu-password").sendKeys(PASSWORD);
        browser.find("#nu-role option[value=EXHIBITION]").click();
        browser.find("#new-user button[type=submit]").click();
        WebElement row = browser.await("the new account listed", UI,
                d -> browser.all("#users li[data-user='" + user + "']").stream().findFirst().orElse(null));
        assertEquals(t("role.EXHIBITION"), row.findElement(By.cssSelector("select option:checked")).getText());
        row.findElement(By.cssSelector("select option[value=ARCHIVIST]")).click();
        browser.await("saved", UI, d -> browser.find("#toast").getText().equals(t("admin.saved")));
        given().get("/api/v1/users/" + user).then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo("ARCHIVIST"));
        // An API token, its secret shown once.
        String token = own("nightly-export");
        browser.find("#nt-name").sendKeys(token);
        browser.find("#new-token button[type=submit]").click();
        WebElement secret = browser.awaitVisible("#token-secret", UI);
        assertTrue(secret.getText().startsWith(t("admin.tokenOnce")), secret.getText());
        browser.await("the token listed", UI, d -> browser.all("#tokens li").stream().anyMatch(li -> li.getText().startsWith(token)));
        browser.js("window.scrollTo(0, 0)");
        screenshot("admin");
    }

    /** The sign-in form refuses a wrong password with the interface's sentence and the API's reason, then takes the right one. */
    private void signInAfterAWrongPassword(String user) {
        browser.find("#j_username").sendKeys(user);
        browser.find("#j_password").sendKeys("wrong-password-1");
        browser.find("#signin-form button[type=submit]").click();
        WebElement error = browser.awaitVisible("#signin-error", UI);
        assertEquals(t("signin.refused") + " (" + wrongPasswordDetail() + ")", error.getText());
        browser.find("#j_password").clear();
        browser.find("#j_password").sendKeys(PASSWORD);
        browser.find("#signin-form button[type=submit]").click();
        browser.awaitVisible("header nav", UI);
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** A COM segment after the APPn segments (EXIF stays first), before the tables. */
    static byte[] withJpegComment(byte[] jpeg, byte[] note) {
        int at = 2;
        while ((jpeg[at + 1] & 0xFF) >= 0xE0 && (jpeg[at + 1] & 0xFF) <= 0xEF) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(0xFE);
        out.write((note.length + 2) >> 8);
        out.write((note.length + 2) & 0xFF);
        out.writeBytes(note);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** A tEXt chunk right after IHDR (signature 8 bytes, IHDR 25). */
    static byte[] withPngText(byte[] png, byte[] note) {
        byte[] data = ByteBuffer.allocate(8 + note.length).put("Comment".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put(note).array();
        byte[] typed = ByteBuffer.allocate(4 + data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data).array();
        CRC32 crc = new CRC32();
        crc.update(typed);
        ByteBuffer chunk = ByteBuffer.allocate(4 + typed.length + 4).putInt(data.length).put(typed).putInt((int) crc.getValue());
        int at = 8 + 25;
        byte[] out = Arrays.copyOf(png, png.length + chunk.capacity());
        System.arraycopy(chunk.array(), 0, out, at, chunk.capacity());
        System.arraycopy(png, at, out, at + chunk.capacity(), png.length - at);
        return out;
    }

    /** A top-level free box at the end of the file, which every reader skips. */
    static byte[] withFreeBox(byte[] mp4, byte[] note) {
        ByteBuffer box = ByteBuffer.allocate(8 + note.length).putInt(8 + note.length).put("free".getBytes(StandardCharsets.US_ASCII)).put(note);
        byte[] out = Arrays.copyOf(mp4, mp4.length + box.capacity());
        System.arraycopy(box.array(), 0, out, mp4.length, box.capacity());
        return out;
    }
}
