package dev.explorer.agent.download;

import java.util.Locale;

/** Content-type and magic-byte checks: cheap tests made before any decoding. */
public final class ImageFormat {
    private ImageFormat() {}

    /**
     * True for image/* types and for the generic binary types some servers send for images; false
     * for anything else (text/html error pages above all). A missing Content-Type is allowed: the
     * magic bytes decide.
     */
    public static boolean acceptableContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String t = contentType.toLowerCase(Locale.ROOT).strip();
        return t.startsWith("image/") || t.startsWith("application/octet-stream") || t.startsWith("binary/octet-stream");
    }

    /** The format named by the first bytes, or null when they are not a supported image's. */
    public static String sniff(byte[] b, int length) {
        if (length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "jpeg";
        }
        if (length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return "png";
        }
        if (length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
                && b[5] == 'a') {
            return "gif";
        }
        if (length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "webp";
        }
        if (length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return "bmp";
        }
        return null;
    }
}
