/**
 * A TL1 client: the grammar's commands and output messages, a Netty client with CTAG correlation,
 * keep-alive and re-login after reconnect. {@link net.vdn.optical.tl1.Tl1Client} is the entry
 * point.
 */
package net.vdn.optical.tl1;
