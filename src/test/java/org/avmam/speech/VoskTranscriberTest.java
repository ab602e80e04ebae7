package org.avmam.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoskTranscriberTest {

    @Test
    void parsesWordsWithTimings() {
        List<Transcript.Word> words = VoskTranscriber.parseWords("""
                {"result":[{"conf":0.9,"end":1.02,"start":0.51,"word":"harbour"},
                           {"conf":1.0,"end":1.5,"start":1.05,"word":"festival"}],"text":"harbour festival"}""", 0);
        assertEquals(List.of(new Transcript.Word("harbour", 0.51, 1.02, 0.9), new Transcript.Word("festival", 1.05, 1.5, 1.0)), words);
    }

    @Test
    void chunkWordsAreShiftedByTheChunkStart() {
        List<Transcript.Word> words = VoskTranscriber.parseWords("""
                {"result":[{"conf":1.0,"end":0.9,"start":0.5,"word":"bridge"}]}""", 60.25);
        assertEquals(List.of(new Transcript.Word("bridge", 60.75, 61.15, 1.0)), words);
    }

    @Test
    void silenceGivesNoWords() {
        assertEquals(List.of(), VoskTranscriber.parseWords("{\"text\" : \"\"}", 0));
    }

    @Test
    void decodesTheFirstAudioStreamTo16kMonoPcmOnStdout() {
        assertEquals(List.of("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-protocol_whitelist", "file", "-i", "file:/x/in", "-map", "0:a:0",
                "-vn", "-ac", "1", "-ar", "16000", "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"),
                VoskTranscriber.decodeCommand(Path.of("/usr/bin/ffmpeg"), Path.of("/x/in"), null));
        assertEquals(List.of("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-ss", "59.500", "-t", "61.250",
                "-protocol_whitelist", "file", "-i", "file:/x/in", "-map", "0:a:0", "-vn", "-ac", "1", "-ar", "16000", "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"),
                VoskTranscriber.decodeCommand(Path.of("/usr/bin/ffmpeg"), Path.of("/x/in"), new ChunkPlanner.Chunk(59.5, 120.75)));
    }

    @Test
    void readsSilencesFromFfmpegMetadata() {
        String out = """
                frame:12   pts:123    pts_time:1.2
                lavfi.silence_start=1.2
                frame:40   pts:400    pts_time:2.5
                lavfi.silence_end=2.5
                lavfi.silence_duration=1.3
                lavfi.silence_start=-0.01
                lavfi.silence_end=0.4
                lavfi.silence_start=9.0
                """;
        assertEquals(List.of(new ChunkPlanner.Silence(1.2, 2.5), new ChunkPlanner.Silence(0, 0.4)), VoskTranscriber.parseSilences(out));
    }

    @Test
    void chineseTextIsJoinedWithoutSpaces() {
        Transcript zh = new Transcript("zh-CN", "vosk:cn", List.of(new Transcript.Word("档案", 0, 1, 1), new Transcript.Word("馆", 1, 2, 1)));
        assertEquals("档案馆", zh.text());
        Transcript en = new Transcript("en", "vosk:en", List.of(new Transcript.Word("city", 0, 1, 1), new Transcript.Word("archive", 1, 2, 1)));
        assertEquals("city archive", en.text());
    }

    @Test
    void modelIsChosenByPrimaryLanguage() {
        assertEquals("zh", VoskModels.primary("zh-Hans-CN"));
        assertEquals("en", VoskModels.primary("en-GB"));
    }
}
