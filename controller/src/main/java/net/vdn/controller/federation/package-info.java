/**
 * Inter-domain slices: this controller's domain, its peerings with other domains, and slices whose
 * endpoints lie in several domains, reserved in every domain and then committed or aborted in all.
 */
package net.vdn.controller.federation;
