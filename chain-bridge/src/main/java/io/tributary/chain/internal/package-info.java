/** JSON-RPC plumbing behind the public facades; not an API. */
package io.tributary.chain.internal;
