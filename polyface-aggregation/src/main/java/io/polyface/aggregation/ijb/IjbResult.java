package io.polyface.aggregation.ijb;

import io.polyface.core.eval.NearestRocPoint;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.eval.ijb.IjbLayout;
import io.polyface.core.eval.ijb.TemplateIdentification;

import java.util.List;
import java.util.Objects;

/**
 * The result of an IJB-B/C evaluation: the images, then one {@link MethodResult} per template rule, the
 * first being the primary one.
 *
 * @param layout the protocol root and dataset
 * @param images image rows of the protocol
 * @param notEmbedded image rows whose image was missing or unreadable ({@code image: reason})
 * @param methods one result per template rule, in the order configured
 */
public record IjbResult(IjbLayout layout, int images, List<String> notEmbedded, List<MethodResult> methods) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a component is null
     */
    public IjbResult {
        Objects.requireNonNull(layout, "layout");
        notEmbedded = List.copyOf(notEmbedded);
        methods = List.copyOf(methods);
    }

    /**
     * The result of one template rule.
     *
     * @param aggregate the rule's command-line name ({@code ijb}, {@code qanpp}, …)
     * @param rule the rule with its options, e.g. {@code IjbTemplate[normalize=true, facenessWeighting=true, …]}
     * @param normalizeImages whether image features were L2-normalised before aggregation (norm-score mode off)
     * @param templates templates with a feature
     * @param emptyTemplates templates all of whose images were missing
     * @param pairs lines of the 1:1 pair list
     * @param pairsSkipped pairs not scored because a template is empty
     * @param verification exact TAR at each target FAR and the ROC
     * @param nearest the InsightFace-compatible nearest ROC point of each target FAR
     * @param galleries the 1:N result of each gallery
     * @param mean the mean over the galleries
     */
    public record MethodResult(String aggregate, String rule, boolean normalizeImages, int templates, int emptyTemplates, long pairs,
                               long pairsSkipped, VerificationResult verification, List<NearestRocPoint> nearest,
                               List<TemplateIdentification.GalleryResult> galleries, TemplateIdentification.MeanResult mean) {

        /**
         * Copies the lists.
         *
         * @throws NullPointerException if a component is null
         */
        public MethodResult {
            nearest = List.copyOf(nearest);
            galleries = List.copyOf(galleries);
        }
    }
}
