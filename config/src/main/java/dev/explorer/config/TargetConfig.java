package dev.explorer.config;

import java.nio.file.Path;

/** The target task: unlabeled images the agent learns about, and optional labels for evaluation. */
public record TargetConfig(
        @Setting(value = "Folder of target images (searched recursively); empty = the embedded default target",
                optional = true, mustExist = Setting.PathKind.DIR)
        Path dir,
        @Setting(value = "CSV (path,label) of the target's held-out test images, used only to evaluate",
                optional = true, mustExist = Setting.PathKind.FILE)
        Path labels,
        @Setting(value = "Text file of class names (one per line); enables label-set mode", optional = true,
                mustExist = Setting.PathKind.FILE)
        Path classNames) {

    public static final TargetConfig DEFAULTS = new TargetConfig(null, null, null);
}
