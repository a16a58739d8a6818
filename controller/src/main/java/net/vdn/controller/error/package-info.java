/**
 * The controller's refusals, each with the answer the API gives it: bad input (400), not found
 * (404), conflict (409), device unavailable (503), shared store unavailable (503).
 */
package net.vdn.controller.error;
