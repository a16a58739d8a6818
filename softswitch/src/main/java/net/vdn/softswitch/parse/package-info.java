/** Parsers, deparsers and checksum verification and update. */
package net.vdn.softswitch.parse;
