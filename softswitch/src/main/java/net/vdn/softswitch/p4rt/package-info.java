/**
 * The softswitch's P4Runtime server: arbitration, pipelines, writes and reads of every entity the
 * engine has, packet I/O and digests, answering with the specification's status codes.
 */
package net.vdn.softswitch.p4rt;
