/**
 * The image encoder: MoCo-v3 on DJL/PyTorch (backbones, projector, predictor, momentum encoder),
 * augmentation, batch loading, training, embedding and its checkpoint file. Depends on config
 * only; knows nothing of queries, rewards or runs.
 */
package dev.explorer.encoder;
