/** The northbound REST API under /api/v1, its OpenAPI document, and /metrics. */
package net.vdn.controller.rest;
