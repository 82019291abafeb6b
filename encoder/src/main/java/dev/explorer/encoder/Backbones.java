package dev.explorer.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.explorer.config.EncoderConfig;
import java.util.List;

/**
 * The networks MoCo-v3 is made of: ResNet backbones (torchvision layout, without the classifier)
 * and the MLP heads of MoCo-v3's {@code _build_mlp}.
 */
final class Backbones {

    private Backbones() {}

    /** Width of the backbone's output features. */
    static int featureDim(EncoderConfig.Backbone backbone) {
        return switch (backbone) {
            case RESNET_SMALL -> 256;
            case RESNET18 -> 512;
            case RESNET50 -> 2048;
        };
    }

    /**
     * resnet-small: a 3x3/2 stem of 32 channels and one basic block per stage (32, 64, 128, 256
     * channels; strides 1, 2, 2, 2), global average pool: 1.2 M parameters, sized for 64-96 px
     * inputs on a CPU. resnet18/resnet50: torchvision's ResNet-18/50 (7x7/2 stem, max pool,
     * [2,2,2,2] basic / [3,4,6,3] bottleneck blocks) for 224 px inputs.
     */
    static SequentialBlock resnet(EncoderConfig.Backbone backbone) {
        SequentialBlock net = new SequentialBlock();
        switch (backbone) {
            case RESNET_SMALL -> {
                net.add(conv(32, 3, 2)).add(bn()).add(Activation.reluBlock());
                int in = 32;
                int[] widths = {32, 64, 128, 256};
                for (int s = 0; s < 4; s++) {
                    net.add(basic(widths[s], s == 0 ? 1 : 2, in));
                    in = widths[s];
                }
            }
            case RESNET18 -> {
                stem(net);
                int in = 64;
                int[] widths = {64, 128, 256, 512};
                for (int s = 0; s < 4; s++) {
                    for (int b = 0; b < 2; b++) {
                        net.add(basic(widths[s], b == 0 && s > 0 ? 2 : 1, in));
                        in = widths[s];
                    }
                }
            }
            case RESNET50 -> {
                stem(net);
                int in = 64;
                int[] widths = {64, 128, 256, 512};
                int[] depth = {3, 4, 6, 3};
                for (int s = 0; s < 4; s++) {
                    for (int b = 0; b < depth[s]; b++) {
                        net.add(bottleneck(widths[s], b == 0 && s > 0 ? 2 : 1, in));
                        in = widths[s] * 4;
                    }
                }
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        return net;
    }

    /**
     * MoCo-v3's {@code _build_mlp(2, in, hidden, out, lastBn)}: Linear (no bias), BN, ReLU,
     * Linear (no bias), then BN without affine parameters when {@code lastBn}.
     */
    static SequentialBlock mlp(int hidden, int out, boolean lastBn) {
        SequentialBlock mlp = new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).optBias(false).build())
                .add(bn())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(out).optBias(false).build());
        if (lastBn) {
            mlp.add(BatchNorm.builder().optCenter(false).optScale(false).build());
        }
        return mlp;
    }

    private static void stem(SequentialBlock net) {
        net.add(conv(64, 7, 2)).add(bn()).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    }

    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    private static Block bn() {
        // PyTorch's defaults: eps 1e-5, running-stat momentum 0.1 (DJL counts it as 0.9)
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    private static Block basic(int width, int stride, int in) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(width, 3, stride)).add(bn()).add(Activation.reluBlock())
                .add(conv(width, 3, 1)).add(bn());
        return residual(main, shortcut(width, stride, in));
    }

    private static Block bottleneck(int width, int stride, int in) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(width, 1, 1)).add(bn()).add(Activation.reluBlock())
                .add(conv(width, 3, stride)).add(bn()).add(Activation.reluBlock())
                .add(conv(width * 4, 1, 1)).add(bn());
        return residual(main, shortcut(width * 4, stride, in));
    }

    private static Block shortcut(int out, int stride, int in) {
        if (stride == 1 && in == out) {
            return Blocks.identityBlock();
        }
        return new SequentialBlock().add(conv(out, 1, stride)).add(bn());
    }

    private static Block residual(Block main, Block shortcut) {
        return new ParallelBlock(Backbones::addRelu, List.of(main, shortcut));
    }

    private static NDList addRelu(List<NDList> branches) {
        NDArray sum = branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow());
        return new NDList(Activation.relu(sum));
    }
}
