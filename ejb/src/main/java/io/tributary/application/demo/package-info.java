/** The demo tenants' Tributary-side data, seeded when the local run asks for it. */
package io.tributary.application.demo;
