/**
 * Automatic checks a DataNet contribution passes before review: reading uploads into records
 * (with line-numbered errors), exact and near duplicates, personal data and text quality.
 *
 * <p>Pure Java with no container dependencies, so the contribution workflow can call it from
 * an EJB and the benchmark can run it from a plain {@code main}. The public types are the
 * facade; everything package-private is an implementation detail.
 */
package io.tributary.application.datanet.checks;
