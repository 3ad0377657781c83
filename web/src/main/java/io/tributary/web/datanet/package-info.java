/** DataNet pages and API: browsing and creating DataNets, contributing, and a contributor's own records. */
package io.tributary.web.datanet;
