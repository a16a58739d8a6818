package net.vdn.controller.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vdnctl events}: the newest events the caller may see, as the portal's list shows them. */
@Command(
    name = "events",
    description =
        "Shows the newest events: links, ports and devices (operators), slices (a tenant: its own).")
final class EventCommands implements Callable<Integer> {
  @ParentCommand Vdnctl top;

  @Option(names = "--limit", defaultValue = "50", description = "How many (1-500).")
  int limit;

  @Option(names = "--after", description = "Only events after this id.")
  Long after;

  @Override
  public Integer call() {
    top.table(
        top.call(
            "GET",
            "/api/v1/events?limit=" + limit + (after == null ? "" : "&after=" + after),
            null),
        "id",
        "time",
        "type",
        "link",
        "device",
        "port",
        "slice",
        "tenant",
        "detail");
    return 0;
  }
}
