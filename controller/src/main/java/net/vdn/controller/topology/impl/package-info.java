/** Link discovery by LLDP, link aging and the link graph behind the topology service. */
package net.vdn.controller.topology.impl;
