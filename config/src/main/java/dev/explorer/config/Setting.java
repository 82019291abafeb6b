package dev.explorer.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one setting: the one-line text {@code explorer config explain} prints, the allowed
 * range of a number (applied to each element of a list), whether it may be left empty, and what
 * must exist on disk when it is a path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Setting {
    /** One line: what the setting does (no trailing period needed). */
    String value();

    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    /** True when {@code min} itself is not allowed (e.g. a learning rate must be above 0). */
    boolean minExclusive() default false;

    /** True when the setting may be null (left empty), e.g. an optional file. */
    boolean optional() default false;

    /** For paths: what must exist when the setting is given. */
    PathKind mustExist() default PathKind.NONE;

    /** What a path setting must point at when it is set. */
    enum PathKind { NONE, FILE, DIR }
}
