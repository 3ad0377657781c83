/** The Model Factory's pages (wizard, runs, live run page, models) and its REST API under {@code /api/factory}. */
package io.tributary.web.factory;
