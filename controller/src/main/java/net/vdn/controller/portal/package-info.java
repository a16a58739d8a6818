/** The portal: the browser's pages for tenants and operators, served beside the REST API. */
package net.vdn.controller.portal;
