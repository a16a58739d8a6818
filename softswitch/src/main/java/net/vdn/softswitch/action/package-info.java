/** Actions and the v1model primitives they call, compiled into steps run on the header vector. */
package net.vdn.softswitch.action;
