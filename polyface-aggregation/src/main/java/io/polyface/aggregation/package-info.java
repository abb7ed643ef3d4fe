/**
 * Set and video aggregation of frame embeddings: one {@link io.polyface.aggregation.Aggregator}
 * interface (float arrays in and out, no engine needed) and one class per method —
 * {@link io.polyface.aggregation.MeanPooling} (LFR baseline), {@link io.polyface.aggregation.Qan}
 * (CVPR 2017), {@link io.polyface.aggregation.QanPlusPlus} (the paper's method, ICCVW 2019) and
 * {@link io.polyface.aggregation.IjbTemplate} (IJB-B/C templates) — plus
 * {@link io.polyface.aggregation.TrackId} / {@link io.polyface.aggregation.TrackGroup} to group the
 * rows of a feature file by track.
 *
 * <p>Edge cases, defined per method (details in each class):
 * <table>
 *   <caption>What each aggregator returns or throws</caption>
 *   <tr><th>case</th><th>mean</th><th>QAN</th><th>QAN++</th><th>IJB</th></tr>
 *   <tr><td>one frame</td><td>f/||f||</td><td>f</td><td>f (any score)</td><td>f</td></tr>
 *   <tr><td>two frames</td><td>formula</td><td>formula</td><td>raw scores, negatives clamped to 0</td><td>formula</td></tr>
 *   <tr><td>all scores equal</td><td>n/a</td><td>arithmetic mean</td><td>arithmetic mean (never 0/0)</td><td>n/a</td></tr>
 *   <tr><td>every frame duplicated</td><td>unchanged</td><td>unchanged</td><td>unchanged for n &gt; 2</td><td>unchanged</td></tr>
 *   <tr><td>NaN / infinite value</td><td colspan="4">IllegalArgumentException naming the frame index</td></tr>
 *   <tr><td>empty set</td><td colspan="4">IllegalArgumentException</td></tr>
 * </table>
 * (Results shown before the optional L2 normalisation, whose default differs per method: on for mean
 * pooling and IJB, whose rules include it; off for QAN and QAN++, whose formulas do not.)
 */
package io.polyface.aggregation;
