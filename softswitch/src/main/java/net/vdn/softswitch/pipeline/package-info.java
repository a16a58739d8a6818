/** Ingress and egress controls: tables and conditionals wired into an executable graph. */
package net.vdn.softswitch.pipeline;
