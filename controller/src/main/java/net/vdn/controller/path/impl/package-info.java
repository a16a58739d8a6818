/** Path finding and admission over the reservation store. */
package net.vdn.controller.path.impl;
