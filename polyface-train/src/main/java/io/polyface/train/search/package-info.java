/**
 * Objectives of core's architecture search that need training: {@link io.polyface.train.search.TrainedProxyObjective}
 * (short training of a candidate on a proxy dataset, scored by held-out TAR@FAR; settings in
 * {@link io.polyface.train.search.TrainedProxyConfig}, one candidate's figures in {@link io.polyface.train.search.ProxyScore}),
 * plugged into {@link io.polyface.core.search.Search.Builder#optRerank}.
 */
package io.polyface.train.search;
