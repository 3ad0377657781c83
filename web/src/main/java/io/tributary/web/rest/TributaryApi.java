package io.tributary.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /api}; documented in {@code /api/openapi.yaml}. */
@ApplicationPath("/api")
public class TributaryApi extends Application {}
