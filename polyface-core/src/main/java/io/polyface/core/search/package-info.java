/**
 * FLOPs-constrained architecture search ("Efficient PolyFace for any budget").
 *
 * <ul>
 *   <li>Spaces as data: {@link io.polyface.core.search.SearchSpace} (a {@link io.polyface.core.search.Family} and
 *       one {@link io.polyface.core.search.Dimension} per setting), named ones in
 *       {@link io.polyface.core.search.SearchSpaces}, JSON files, and sub-spaces such as
 *       {@code mobilefacenet[embedding=128]}. Invalid points are rejected when their spec is built.</li>
 *   <li>Exact costs without building every spec: {@link io.polyface.core.search.CostModel}.</li>
 *   <li>Constraints: {@link io.polyface.core.search.FlopsBudget} (required; any convention),
 *       {@link io.polyface.core.search.ParamsBudget}, {@link io.polyface.core.search.ModelSizeBudget},
 *       {@link io.polyface.core.search.LatencyBudget} (measured, not deterministic).</li>
 *   <li>Objectives behind {@link io.polyface.core.search.Objective}: the compound-scaling
 *       {@link io.polyface.core.search.CompoundScalingPrior} and the zero-cost
 *       {@link io.polyface.core.search.NaswotObjective} on real faces ({@link io.polyface.core.search.ImageBatchSource});
 *       the trained proxy ({@code io.polyface.train.search.TrainedProxyObjective} in {@code polyface-train}: short
 *       training, held-out TAR@FAR) plugs in through the same interface and
 *       {@link io.polyface.core.search.Search.Builder#optRerank}.</li>
 *   <li>Strategies: {@link io.polyface.core.search.Exhaustive} and
 *       {@link io.polyface.core.search.RegularizedEvolution}, deterministic for a seed.</li>
 *   <li>Outputs: {@link io.polyface.core.search.SearchResult} (winner with provenance, Pareto front), the JSON Lines
 *       {@link io.polyface.core.search.CandidateLog} and the {@link io.polyface.core.search.FrontPlot} PNG.</li>
 *   <li>A search as data: {@link io.polyface.core.search.SearchRequest} holds the rules of {@code polyface search}
 *       (objective and re-ranking choice, strategy and evaluation counts, the default name) and runs to a
 *       {@link io.polyface.core.search.SearchReport} that prints itself as JSON (Jackson) or text; a re-ranking
 *       objective adds its measurements through {@link io.polyface.core.search.RerankDetails}.</li>
 * </ul>
 *
 * <pre>{@code
 * SearchResult r = Search.builder()
 *         .setSpace(SearchSpaces.get("mobilefacenet[embedding=128]"))
 *         .setBudget(FlopsBudget.parse("0.1G", Convention.LFR))
 *         .build().run();
 * ArchSpecJson.write(r.bestSpec("my-0.1g"), Path.of("my-0.1g.json")); // bin/polyface flops --arch my-0.1g.json
 * }</pre>
 */
package io.polyface.core.search;
