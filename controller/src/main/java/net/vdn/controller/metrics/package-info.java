/** The controller's Prometheus metrics. */
package net.vdn.controller.metrics;
