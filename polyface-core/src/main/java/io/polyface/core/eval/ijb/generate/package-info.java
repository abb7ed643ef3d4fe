/**
 * IJB-B / IJB-C protocol files written from any labelled image folder
 * ({@link io.polyface.core.eval.ijb.generate.IjbProtocolGenerator}): YuNet landmarks, loose crops, a seeded split
 * of the subjects into two galleries and non-mated probe subjects, templates grouped in media, the 1:1 pair list.
 */
package io.polyface.core.eval.ijb.generate;
