/** DataNets, the uploads experts send them, and the contributions (records) those uploads hold, with their checks. */
package io.tributary.persistence.datanet;
