/**
 * The IJB-B / IJB-C protocols from their public files in InsightFace's layout ({@link io.polyface.core.eval.ijb.IjbLayout}):
 * tolerant readers that name the file and line of every error ({@link io.polyface.core.eval.ijb.ProtocolImages},
 * {@link io.polyface.core.eval.ijb.TemplatePairFile}, {@link io.polyface.core.eval.ijb.SubjectTemplatesFile}), the
 * streaming 1:1 scorer of the template pair list ({@link io.polyface.core.eval.ijb.TemplatePairScorer}: memory
 * {@code O(T·d + pairs)}), 1:N open-set identification per gallery and their mean
 * ({@link io.polyface.core.eval.ijb.TemplateIdentification}), and the JSON of both
 * ({@link io.polyface.core.eval.ijb.IjbReport}). Template features come from {@code polyface-aggregation}
 * ({@code io.polyface.aggregation.ijb}); the generator of protocol files from an image folder is in
 * {@link io.polyface.core.eval.ijb.generate}.
 */
package io.polyface.core.eval.ijb;
