/**
 * What the slice service asks of a cluster: where each device is programmed from, and the other
 * controllers programming their devices for it.
 */
package net.vdn.controller.slice.spi;
