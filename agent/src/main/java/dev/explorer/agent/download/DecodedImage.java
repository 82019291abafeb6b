package dev.explorer.agent.download;

/**
 * A decoded, resized image: packed 0xRRGGBB pixels, row-major, transparency composited on white
 * (emoji and clip art are drawn on a transparent canvas).
 *
 * @param originalWidth width declared by the file
 * @param originalHeight height declared by the file
 */
public record DecodedImage(int width, int height, int[] rgb, int originalWidth, int originalHeight) {}
