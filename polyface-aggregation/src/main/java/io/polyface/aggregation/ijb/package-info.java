/**
 * The IJB-B / IJB-C protocol from images to figures: protocol images aligned with their own landmarks and embedded
 * ({@link io.polyface.aggregation.ijb.ProtocolImageEmbedder}), saved and reused image features
 * ({@link io.polyface.aggregation.ijb.ImageFeaturesFile}), templates by any aggregator
 * ({@link io.polyface.aggregation.ijb.ProtocolTemplates}; InsightFace's rule by default), and the 1:1 and 1:N
 * evaluation of one or more template rules side by side ({@link io.polyface.aggregation.ijb.IjbEvaluation},
 * {@link io.polyface.aggregation.ijb.IjbResult}, its JSON and text).
 */
package io.polyface.aggregation.ijb;
