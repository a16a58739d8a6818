/**
 * Device-independent slice rules: what a switch must do for a slice (classify, tag, forward, meter,
 * count, flood, punt), before any pipeline's names or encodings.
 */
package net.vdn.pipeconf.rule;
