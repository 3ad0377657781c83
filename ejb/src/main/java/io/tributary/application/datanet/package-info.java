/** DataNets: creating and revising them, contributing records, and the automatic checks that run before review. */
package io.tributary.application.datanet;
