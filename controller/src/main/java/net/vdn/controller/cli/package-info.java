/** vdnctl: the controller's REST API from a shell. */
package net.vdn.controller.cli;
