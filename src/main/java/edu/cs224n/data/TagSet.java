package edu.cs224n.data;

import java.util.Locale;

/** Which POS column feeds the parser: UPOS (CoNLL-U column 4, CoNLL-X CPOSTAG) or XPOS (column 5, POSTAG). */
public enum TagSet {
    UPOS, XPOS;

    public static TagSet parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown POS tag set '" + name + "': expected upos or xpos");
        }
    }
}
