package edu.cs224n.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A config key's default, written as YAML at the key's declaration in its config record ({@code @Default("200") int hidden}),
 * so a key and its default are read and changed in one place. {@link Configs#defaults} builds a record from them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    /** The value as YAML: {@code 200}, {@code 5e-4}, {@code "[upos, xpos]"}; empty = the empty string. */
    String value();
}
