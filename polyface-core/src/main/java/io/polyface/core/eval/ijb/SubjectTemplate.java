package io.polyface.core.eval.ijb;

/**
 * One template of a 1:N list and the subject it shows.
 *
 * @param templateId the template id
 * @param subjectId the subject (identity) id
 */
public record SubjectTemplate(long templateId, long subjectId) {
}
