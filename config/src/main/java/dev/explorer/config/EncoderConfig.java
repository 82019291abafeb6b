package dev.explorer.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/** The image encoder's architecture and where it runs. */
public record EncoderConfig(
        @Setting("Backbone: resnet-small (64-96 px, CPU default), resnet18 or resnet50 (224 px, paper)") Backbone backbone,
        @Setting(value = "Square input size in pixels", min = 16, max = 1_024) int imageSize,
        @Setting("Device: auto (GPU when DJL finds one), cpu or gpu") Device device,
        @Setting(value = "Intra-op threads of the PyTorch engine (read once at engine start)", min = 1, max = 512)
        int threads,
        @Setting("Features used for rewards and evaluation: backbone or projector") EmbedFrom embedFrom,
        @Setting(value = "Hidden width of the projection and prediction MLPs", min = 1, max = 65_536) int hiddenDim,
        @Setting(value = "Output width of the projection and prediction MLPs", min = 1, max = 65_536) int projectionDim,
        @Setting(value = "Optional starting point: an Explorer checkpoint (.ckpt, e.g. from explorer pretrain; same"
                + " backbone and sizes) or a TorchScript (.pt) backbone", optional = true,
                mustExist = Setting.PathKind.FILE)
        Path init) {

    public static final EncoderConfig DEFAULTS =
            new EncoderConfig(Backbone.RESNET_SMALL, 64, Device.AUTO, 1, EmbedFrom.BACKBONE, 1024, 128, null);

    public enum Backbone {
        @JsonProperty("resnet-small") RESNET_SMALL,
        @JsonProperty("resnet18") RESNET18,
        @JsonProperty("resnet50") RESNET50
    }

    public enum Device {
        @JsonProperty("auto") AUTO,
        @JsonProperty("cpu") CPU,
        @JsonProperty("gpu") GPU
    }

    public enum EmbedFrom {
        @JsonProperty("backbone") BACKBONE,
        @JsonProperty("projector") PROJECTOR
    }
}
