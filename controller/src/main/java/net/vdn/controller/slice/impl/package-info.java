/**
 * The slice service's implementation: admission, compilation into slice rules, programming of all
 * devices or none, re-routing, and counters that survive device restarts.
 */
package net.vdn.controller.slice.impl;
