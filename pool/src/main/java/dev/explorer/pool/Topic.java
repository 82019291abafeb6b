package dev.explorer.pool;

import java.util.Locale;

/**
 * The coarse ground-truth topic of a pool image, from a fixed list. Used only to evaluate: it is
 * written to the eval file and never indexed or served.
 */
public enum Topic {
    ANIMAL, PLANT, FOOD, FOOTWEAR, CLOTHING, PERSON, FACE, VEHICLE, BUILDING, SIGN_SYMBOL, FLAG, UI_ICON, SHAPE,
    OBJECT, UNKNOWN;

    /** The name written to files: lower case with a hyphen, e.g. {@code sign-symbol}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Topic fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Footwear words seen in emoji names and clip-art titles. */
    public static boolean isFootwearWord(String text) {
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        for (String w : new String[] {"shoe", "shoes", "boot", "boots", "sandal", "sandals", "sneaker", "sneakers",
                "slipper", "slippers", "heel", "heels", "flat shoe", "clog", "clogs"}) {
            if (t.contains(" " + w + " ")) {
                return true;
            }
        }
        return false;
    }
}
