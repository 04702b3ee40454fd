package edu.cs224n.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EnglishTokenizerTest {
    private final EnglishTokenizer tokenizer = new EnglishTokenizer();

    private List<String> words(String text) {
        return tokenizer.tokenize(text).stream().flatMap(s -> s.words().stream()).map(EnglishTokenizer.Word::form).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I don't know.|I do n't know .",
            "We can't and won't go.|We ca n't and wo n't go .",
            "I'm sure you're right, aren't you?|I 'm sure you 're right , are n't you ?",
            "John's car isn't Mary's.|John 's car is n't Mary 's .",
            "I'm gonna go, wanna come?|I 'm gon na go , wan na come ?",
            "I cannot see it.|I can not see it .",
            "See http://www.example.com/a?b=1, then write to jane.doe@example.org.|See http://www.example.com/a?b=1 , then write to jane.doe@example.org .",
            "It costs $5,000.50 (about 10%) on 11/28/2000 at 10:30.|It costs $ 5,000.50 ( about 10 % ) on 11/28/2000 at 10:30 .",
            "Mr. Smith met Dr. Jones in the U.S. yesterday.|Mr. Smith met Dr. Jones in the U.S. yesterday .",
            "Send orders and/or e-mail by the al-Sadr office... now!|Send orders and / or e-mail by the al - Sadr office ... now !",
            "\"Quoted,\" she said -- twice.|\" Quoted , \" she said -- twice .",
            "the '90s were fun :)|the '90s were fun :)"})
    void splitsWordsTheWayEwtDoes(String text, String expected) {
        assertEquals(List.of(expected.split(" ")), words(text));
    }

    @Test
    void splitsSentencesAndKeepsSpans() {
        String text = "He left. \"Why?\" she asked. Dr. Who stayed!\n\nnew paragraph without a full stop\nstill the same one";
        var sentences = tokenizer.tokenize(text);
        assertEquals(List.of("He left.", "\"Why?\"", "she asked.", "Dr. Who stayed!", "new paragraph without a full stop\nstill the same one"),
                sentences.stream().map(s -> s.text(text)).toList());
        for (var s : sentences) {
            for (var w : s.words()) assertEquals(w.form(), text.substring(w.start(), w.end()), "a word is its span of the input");
        }
        var dont = tokenizer.tokenize("don't").get(0).words();
        assertTrue(dont.get(0).joinedToNext() && !dont.get(1).joinedToNext(), "do + n't are one surface token");
    }
}
