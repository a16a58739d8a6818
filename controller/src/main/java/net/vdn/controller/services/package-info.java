/** The controller's services as one value, handed to the northbound. */
package net.vdn.controller.services;
