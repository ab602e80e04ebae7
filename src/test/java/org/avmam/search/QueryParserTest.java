package org.avmam.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.avmam.search.QueryParser.Term;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    @Test
    void wordsPhrasesFieldsAndExclusions() {
        assertEquals(List.of(new Term(null, "metro", false, false), new Term(null, "opening day", true, false),
                new Term("person", "张伟", true, false), new Term("camera", "Canon EOS", true, false), new Term("place", "film", false, true)),
                QueryParser.parse("metro \"opening day\" person:张伟 Camera:\"Canon EOS\" -place:film"));
    }

    @Test
    void hanTextIsAlwaysAPhraseAndColonsInTextAreText() {
        assertEquals(List.of(new Term(null, "口述历史", true, false), new Term(null, "10:30", false, false)),
                QueryParser.parse("口述历史 10:30"));
        assertEquals(List.of(new Term(null, "2023", false, false), new Term(null, "南沙地铁", true, false)), QueryParser.parse(" 2023  南沙地铁 "));
        assertEquals(List.of(), QueryParser.parse("   "));
    }

    @Test
    void malformedQueriesSayWhatAndWhere() {
        assertTrue(assertThrows(QueryParser.QuerySyntax.class, () -> QueryParser.parse("a \"b c")).getMessage().contains("position 3"));
        assertTrue(assertThrows(QueryParser.QuerySyntax.class, () -> QueryParser.parse("colour:red")).getMessage()
                .contains("unknown field 'colour:'"));
        assertTrue(assertThrows(QueryParser.QuerySyntax.class, () -> QueryParser.parse("a title: b")).getMessage().contains("no value"));
        assertTrue(assertThrows(QueryParser.QuerySyntax.class, () -> QueryParser.parse("ab\"c\"")).getMessage().contains("inside a word"));
        assertTrue(assertThrows(QueryParser.QuerySyntax.class, () -> QueryParser.parse("\"\"")).getMessage().contains("hold nothing"));
        assertTrue(assertThrows(QueryParser.QuerySyntax.class, () -> QueryParser.parse("-a -b")).getMessage().contains("only excludes"));
        assertTrue(assertThrows(QueryParser.QuerySyntax.class, () -> QueryParser.parse("w ".repeat(33))).getMessage().contains("32"));
    }
}
