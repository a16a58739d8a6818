package net.vdn.openflow;

/** The controller's role on a switch (OFPT_ROLE_REQUEST). */
public enum Role {
  MASTER,
  SLAVE,
  EQUAL
}
