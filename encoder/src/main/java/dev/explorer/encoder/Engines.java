package dev.explorer.encoder;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigProblem;
import dev.explorer.config.EncoderConfig;

/** Starts DJL's PyTorch engine offline with the configured threads, and picks the device. */
final class Engines {

    private Engines() {}

    /**
     * The PyTorch engine. Threads are read once, when the engine starts: a setting given after
     * that has no effect (the launcher and the test JVMs pass -Dai.djl.pytorch.num_threads).
     */
    static synchronized Engine pytorch(int threads) {
        // never let DJL reach for the network (telemetry, native downloads)
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start DJL's PyTorch engine (" + e.getMessage()
                    + "); the pytorch-native-cpu jar must be on the class path and DJL_CACHE_DIR writable", e);
        }
    }

    static Device device(Engine engine, EncoderConfig.Device wanted) {
        return switch (wanted) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new ConfigException(new ConfigProblem("encoder.device", "gpu",
                            "DJL found no GPU (the CPU build of libtorch is on the class path)",
                            "use --set encoder.device=auto or cpu, or build with a CUDA pytorch-native artifact"));
                }
                yield Device.gpu();
            }
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
