package net.vdn.p4runtime.internal;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How a broken stream comes back. Attempts are spaced by the reconnect delays (doubling from the
 * minimum up to the maximum, up to a fifth less as jitter, never more than the maximum), and the
 * channel never waits out gRPC's own connect backoff, which grows to minutes while a target is
 * down: at every attempt a channel in TRANSIENT_FAILURE is told to connect at once.
 */
final class Reconnection {
  private final ManagedChannel channel;
  private final ScheduledExecutorService scheduler;
  private final long minMillis;
  private final long maxMillis;

  Reconnection(
      ManagedChannel channel, ScheduledExecutorService scheduler, Duration min, Duration max) {
    this.channel = channel;
    this.scheduler = scheduler;
    this.minMillis = Math.max(1, min.toMillis());
    this.maxMillis = Math.max(minMillis, max.toMillis());
  }

  /** The delay before attempt {@code attempt} (from 0). */
  long delayMillis(int attempt) {
    long base = Math.min(maxMillis, minMillis << Math.min(attempt, 20));
    return Math.max(1, base - ThreadLocalRandom.current().nextLong(base / 5 + 1));
  }

  /** Runs {@code reopen} after attempt {@code attempt}'s delay, the channel ready to connect. */
  long schedule(int attempt, Runnable reopen) {
    long delay = delayMillis(attempt);
    submit(
        () -> {
          channel.resetConnectBackoff();
          reopen.run();
        },
        delay);
    return delay;
  }

  /**
   * While {@code waiting} holds (a re-opened stream waits for the channel), makes a channel in
   * TRANSIENT_FAILURE try to connect again at each delay, so the stream goes through within one
   * delay of the target accepting connections.
   */
  void nudgeWhile(BooleanSupplier waiting) {
    nudge(waiting, 0);
  }

  private void nudge(BooleanSupplier waiting, int attempt) {
    submit(
        () -> {
          ConnectivityState state = channel.getState(false);
          if (!waiting.getAsBoolean() || state == ConnectivityState.READY) {
            return; // the waiting call goes through now, or is gone
          }
          if (state == ConnectivityState.TRANSIENT_FAILURE) {
            channel.resetConnectBackoff();
          }
          nudge(waiting, attempt + 1);
        },
        delayMillis(attempt));
  }

  private void submit(Runnable task, long delayMillis) {
    try {
      scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The session closed meanwhile: nothing to reconnect.
    }
  }
}
