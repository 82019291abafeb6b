/**
 * One adapter per image package (OpenClipart, Tux Paint, emoji sets, OpenMoji, Fluent, Oxygen,
 * Fashion-MNIST) and for users' folders and list files: each yields captioned source items.
 */
package dev.explorer.pool.source;
