package org.avmam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The problem catalogue: complete for what the code throws, places kept, English where nothing else fits. */
class ProblemTextsTest {

    private final ProblemTexts texts = new ProblemTexts();

    /** A refusal in the code: its opening up to the first string literal of the detail (and the title's, for the constructor). */
    private static final Pattern REFUSAL = Pattern.compile(
            "(?:ApiException\\.(?:badRequest|notFound)\\(|new (?:QueryParser\\.)?QuerySyntax\\(|new (?:org\\.avmam\\.api\\.)?ApiException\\(\\d+,\\s*\"((?:[^\"\\\\]|\\\\.)*)\",)\\s*(?=\")");
    private static final Pattern LITERAL = Pattern.compile("\\G\\s*(?:\\+\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void everySentenceAndTitleTheCodeThrowsHasAChineseTranslation() throws IOException {
        List<String> sentences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = REFUSAL.matcher(src);
                while (m.find()) {
                    if (m.group(1) != null) {
                        sentences.add(unescape(m.group(1)));
                    }
                    // The detail: string literals joined by +, up to the first value or the end of the call.
                    StringBuilder detail = new StringBuilder();
                    Matcher lit = LITERAL.matcher(src);
                    int at = m.end();
                    while (lit.find(at) && lit.start() == at) {
                        detail.append(unescape(lit.group(1)));
                        at = lit.end();
                    }
                    sentences.add(detail.toString());
                }
            }
        }
        assertTrue(sentences.size() > 250, "the scan finds the refusals in the code: " + sentences.size());
        TreeSet<String> missing = new TreeSet<>(sentences);
        missing.removeAll(texts.translated());
        assertEquals(new TreeSet<>(), missing, "sentences thrown in the code with no translation in " + ProblemTexts.CATALOGUE);
    }

    private static String unescape(String javaLiteral) {
        return javaLiteral.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    @Test
    void theValuesGoWhereTheTranslationPutsThem() {
        String pattern = "timecode {0} has frame {1}, beyond the {2} frames a second of {3} (frames are 00 to {4})";
        assertEquals("timecode 00:00:01:30 has frame 30, beyond the 25 frames a second of 25/1 (frames are 00 to 24)",
                texts.detail("en", pattern, "00:00:01:30", 30, 25, "25/1", 24));
        assertEquals("时间码 00:00:01:30 的帧号为 30，超出 25/1 每秒 25 帧的范围（帧号为 00 至 24）",
                texts.detail("zh-CN", pattern, "00:00:01:30", 30, 25, "25/1", 24));
        assertEquals("未找到", texts.title("zh-CN", "Not found"));
        assertEquals("Not found", texts.title("en", "Not found"));
    }

    @Test
    void aSentenceFilledBeforeItArrivesIsRecognisedByItsEnglish() {
        // Messages of exceptions below the API (sign-in) arrive filled in.
        assertEquals("账户“bob”已停用", texts.detail("zh-CN", "the account 'bob' is disabled"));
        assertEquals("用户名或密码错误", texts.detail("zh-CN", "wrong user name or password"));
    }

    @Test
    void aSentenceWithNoTranslationStaysEnglishAndValuesAreNotMistakenForPlaces() {
        assertEquals("the query has an unclosed quote at 7", texts.detail("zh-CN", "the query has an unclosed quote at 7"));
        // A value that itself looks like a place is not filled again.
        assertEquals("没有账户“{1}”", texts.detail("zh-CN", "no account '{0}'", "{1}"));
        assertEquals("a {x} b", ProblemTexts.fill("a {x} b"));
    }

    @Test
    void aTranslationWhosePlacesDifferFromItsEnglishIsRefusedAtLoad() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProblemTexts.load("api/problems-places-differ.txt"));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("[{0}]") && e.getMessage().contains("[{0}, {1}]"), e.getMessage());
    }

    @Test
    void theLanguageIsTheRememberedChoiceThenAcceptLanguageThenEnglish() {
        assertEquals("zh-CN", Languages.choose(null, "zh-TW;q=0.9, en;q=0.8"));
        assertEquals("en", Languages.choose("en", "zh-CN"));
        assertEquals("zh-CN", Languages.choose("zh-CN", "en"));
        assertEquals("en", Languages.choose("fr", "de, fr"));
        assertEquals("en", Languages.choose(null, "not a ; language = list"));
    }
}
