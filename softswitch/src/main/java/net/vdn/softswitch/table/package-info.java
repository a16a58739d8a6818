/** Match-action tables (exact, LPM, ternary, range, optional), action profiles and selectors. */
package net.vdn.softswitch.table;
