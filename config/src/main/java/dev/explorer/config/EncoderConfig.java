package dev.explorer.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;

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
        Path init,
        @Setting("Where a run starts when encoder.init is empty: pool = MoCo-v3 pre-trained on the offline pool's"
                + " images (the offline stand-in for the paper's ImageNet MoCo-v3 start; built once per pool,"
                + " architecture and recipe, cached under <cacheDir>/pretrained), random = from noise")
        Start start,
        @Setting(value = "Epochs of pool pre-training for the cached pool start", min = 1, max = 1_000)
        int startEpochs,
        @Setting("Build the pool start when it is missing or stale (false: start from noise and say how to build it)")
        boolean buildStart,
        @Setting("Pool sources left out of the pool start, e.g. [fashion-mnist]: a start that never saw the target's"
                + " kind of image, as the paper's ImageNet start never saw its targets' images (a separate cached"
                + " file, named for what it leaves out); empty = the whole pool")
        List<String> startHoldOut,
        @Setting(value = "Seed of the pool start's pre-training: 0 = the one start every run shares; another"
                + " value builds another draw of the same recipe (its own cached file, -seedN), to tell what an"
                + " experiment owes to the start it happened to get", min = 0, max = 1_000_000)
        long startSeed) {

    public EncoderConfig {
        startHoldOut = startHoldOut == null ? List.of() : List.copyOf(startHoldOut);
    }

    public static final EncoderConfig DEFAULTS =
            new EncoderConfig(Backbone.RESNET_SMALL, 64, Device.AUTO, 1, EmbedFrom.BACKBONE, 1024, 128, null,
                    Start.POOL, 3, true, List.of(), 0);

    /** An architecture with the default start settings (tests, benchmarks, evaluation). */
    public EncoderConfig(Backbone backbone, int imageSize, Device device, int threads, EmbedFrom embedFrom,
            int hiddenDim, int projectionDim, Path init) {
        this(backbone, imageSize, device, threads, embedFrom, hiddenDim, projectionDim, init, Start.POOL, 3, true,
                List.of(), 0);
    }

    public enum Start {
        @JsonProperty("pool") POOL,
        @JsonProperty("random") RANDOM
    }

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
