/**
 * P4Info loaded from text or binary and indexed by name: tables, fields, actions, params, externs
 * and controller packet headers, found by full or unique short name.
 */
package net.vdn.p4runtime.info;
