package net.vdn.controller.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code vdnctl openflow}: the OpenFlow switches connected to the controller. */
@Command(name = "openflow", description = "Lists the OpenFlow switches.")
final class OpenFlowCommands {
  @ParentCommand Vdnctl top;

  @Command(name = "list", description = "Lists the OpenFlow switches (of:<datapath id>).")
  int list() {
    top.table(
        top.call("GET", "/api/v1/openflow/switches", null),
        "name",
        "available",
        "connected",
        "ports",
        "mirrorEntries");
    return 0;
  }
}
