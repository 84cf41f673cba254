package org.fieldcast.ptz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.station.CameraConfig;
/**
 * Control of one camera: its command queue, its move lease and what it has learnt about the camera.
 * <p>
 * A move is a lease: it runs for {@link PtzSettings#lease()} unless renewed, and when it lapses (or
 * its owner, an operator's WebSocket, goes away) this class sends the stop itself, because a Bosch
 * dome keeps turning until told otherwise (RCP+ 2.3). Renewing with the same speed sends nothing to
 * the camera; a new speed is queued and may replace a queued one.
 */
public final class PtzCamera implements CameraControl, AutoCloseable {
    /** RUSTVA polls 16 virtual inputs; more than that is surely a typo. */
    public static final int MAX_ALARMS = 16;
    /** Four per device when the camera does not say (RCP+ 4.1). */
    static final int DEFAULT_ALARMS = 4;
    private static final Logger LOG = Logger.getLogger(PtzCamera.class.getName());
    private static final int LINE = 1;

    private enum PresetForm { UNKNOWN, BICOM, OSRD }

    private final CameraConfig config;
    private final CameraCommandQueue queue;
    private final ScheduledExecutorService timers;
    private final PtzSettings settings;
    private final LongSupplier nanoTime;
    private PtzVelocity moving = PtzVelocity.STOP; // last speed asked of the camera; guarded by this
    private String leaseOwner; // guarded by this
    private long leaseGeneration; // guarded by this
    private long moveStarted; // guarded by this
    private ScheduledFuture<?> expiry; // guarded by this
    private volatile PresetForm presetForm = PresetForm.UNKNOWN;
    private volatile int alarmCount = -1;

    PtzCamera(CameraConfig config, CameraCommandQueue queue, ScheduledExecutorService timers, PtzSettings settings,
            LongSupplier nanoTime) {
        this.config = config;
        this.queue = queue;
        this.timers = timers;
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    public CameraConfig config() {
        return config;
    }

    @Override
    public CompletableFuture<MoveAccepted> move(PtzVelocity v, String owner, Runnable started) {
        Objects.requireNonNull(v, "v");
        if (v.isStop()) {
            return stop().thenApply(r -> MoveAccepted.of(v, 0));
        }
        CompletableFuture<RcpReply> sent;
        boolean newSpeed = false;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            boolean continuing = !moving.isStop() && Objects.equals(owner, leaseOwner);
            if (continuing && now - moveStarted > settings.maxMove().toNanos()) {
                stopLocked("it reached the longest move, " + settings.maxMove().toSeconds() + " s");
                throw new MoveLimitException("a move may last at most " + settings.maxMove().toSeconds()
                        + " s; the camera was stopped: release and press again");
            }
            if (!continuing) {
                moveStarted = now;
            }
            leaseOwner = owner;
            long generation = ++leaseGeneration;
            cancelExpiryLocked();
            expiry = timers.schedule(() -> lapse(generation), settings.lease().toNanos(), TimeUnit.NANOSECONDS);
            if (v.equals(moving)) {
                sent = CompletableFuture.completedFuture(null);
            } else {
                moving = v;
                sent = queue.submitMove(RcpCommand.bicom(LINE, Bicom.move(v)));
                newSpeed = true;
                sent.whenComplete((r, failure) -> {
                    if (failure != null) {
                        abandon(generation, failure);
                    }
                });
            }
        }
        if (newSpeed) {
            started.run(); // outside the lock: it may do anything
        }
        return sent.thenApply(r -> MoveAccepted.of(v, settings.lease().toMillis()));
    }

    /**
     * A move the camera refused or that never reached it holds no lease: nothing to stop later. A
     * timeout is different: the camera may have got the move, so its lease runs on and ends in a stop.
     */
    private void abandon(long generation, Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CameraTimeoutException) {
            return;
        }
        synchronized (this) {
            if (generation == leaseGeneration) {
                leaseGeneration++;
                leaseOwner = null;
                cancelExpiryLocked();
                moving = PtzVelocity.STOP;
            }
        }
    }

    /** Stops now, whoever moved the camera. Always sent, even when Fieldcast believes it stopped. */
    @Override
    public CompletableFuture<Void> stop() {
        synchronized (this) {
            return stopLocked(null).thenApply(r -> null);
        }
    }

    /** The owner is gone (its socket closed): stops the camera if that owner's move is running. */
    @Override
    public void release(String owner) {
        synchronized (this) {
            if (owner == null || moving.isStop() || !owner.equals(leaseOwner)) {
                return;
            }
            stopLocked("its operator's connection closed");
        }
    }

    /** True while a lease is running (for tests and status). */
    public synchronized boolean moving() {
        return !moving.isStop();
    }

    private void lapse(long generation) {
        synchronized (this) {
            if (generation != leaseGeneration || moving.isStop()) {
                return;
            }
            stopLocked("its move lease lapsed without renewal");
        }
    }

    private CompletableFuture<RcpReply> stopLocked(String why) {
        if (why != null) {
            LOG.info(() -> "Stopping camera '" + config.id() + "': " + why);
        }
        leaseGeneration++;
        leaseOwner = null;
        cancelExpiryLocked();
        moving = PtzVelocity.STOP;
        CompletableFuture<RcpReply> sent = queue.submitMove(RcpCommand.bicom(LINE, Bicom.move(PtzVelocity.STOP)));
        sent.whenComplete((r, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "Camera '" + config.id() + "' may still be moving: its stop failed", failure);
            }
        });
        return sent;
    }

    private void cancelExpiryLocked() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    /** Ends any lease, then recalls preset n (1..256; 1..99 on cameras that take only the legacy form). */
    @Override
    public CompletableFuture<Void> recallPreset(int n) {
        return preset(n, Bicom.recallPreset(n), n <= Bicom.MAX_OSRD_PRESET ? Bicom.osrdRecall(n) : null);
    }

    /** Stores the current position as preset n. */
    @Override
    public CompletableFuture<Void> storePreset(int n) {
        return preset(n, Bicom.storePreset(n), n <= Bicom.MAX_OSRD_PRESET ? Bicom.osrdStore(n) : null);
    }

    /**
     * Bicom first (up to 256 presets); a camera that refuses it is asked again in the legacy OSRD
     * form (RCP+ 3.2 recommends keeping it as a fallback), and the form that worked is remembered.
     */
    private CompletableFuture<Void> preset(int n, byte[] bicom, byte[] osrd) {
        PresetForm form = presetForm;
        if (form == PresetForm.OSRD && osrd == null) {
            throw new IllegalArgumentException("camera '" + config.id() + "' takes only legacy presets 1.."
                    + Bicom.MAX_OSRD_PRESET + ", not " + n);
        }
        synchronized (this) {
            // The dome leaves for the preset: a running move must not be renewed into it.
            leaseGeneration++;
            leaseOwner = null;
            cancelExpiryLocked();
            moving = PtzVelocity.STOP;
        }
        if (form == PresetForm.OSRD) {
            return queue.submit(RcpCommand.bicom(LINE, osrd)).thenApply(r -> null);
        }
        return queue.submit(RcpCommand.bicom(LINE, bicom))
                .thenApply(r -> {
                    presetForm = PresetForm.BICOM;
                    return (Void) null;
                })
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    if (form != PresetForm.UNKNOWN || osrd == null || !(cause instanceof CameraCommandException)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return queue.submit(RcpCommand.bicom(LINE, osrd)).thenApply(r -> {
                        LOG.info(() -> "Camera '" + config.id() + "' refuses Bicom presets; using the legacy OSRD form");
                        presetForm = PresetForm.OSRD;
                        return (Void) null;
                    });
                });
    }

    /** Where the dome points now. */
    @Override
    public CompletableFuture<PtzPosition> position() {
        CompletableFuture<RcpReply> pan = queue.submit(RcpCommand.bicom(LINE, Bicom.readPan()));
        CompletableFuture<RcpReply> tilt = queue.submit(RcpCommand.bicom(LINE, Bicom.readTilt()));
        return pan.thenCombine(tilt, (p, t) -> new PtzPosition(round(Bicom.degrees(p.bytes())), round(Bicom.degrees(t.bytes()))));
    }

    /** Asks the camera: PTZ controller present (0x0a51) and its virtual inputs (0xff10). */
    @Override
    public CompletableFuture<PtzCapabilities> capabilities() {
        CompletableFuture<RcpReply> ptz = queue.submit(RcpCommand.read(RcpCommand.PTZ_CONTROLLER_AVAILABLE, RcpType.F_FLAG, LINE));
        CompletableFuture<Integer> alarms = queue.submit(RcpCommand.read(RcpCommand.CAPABILITY_LIST, RcpType.P_OCTET, LINE))
                .handle((reply, failure) -> {
                    int listed = failure == null ? CapabilityList.virtualInputs(reply.bytes()) : -1;
                    return listed > 0 ? listed : DEFAULT_ALARMS;
                });
        return ptz.thenCombine(alarms, (p, count) -> {
            alarmCount = count;
            boolean hasPtz = p.flag();
            PresetForm form = presetForm;
            int presets = !hasPtz ? 0 : form == PresetForm.OSRD ? Bicom.MAX_OSRD_PRESET : Bicom.MAX_PRESET;
            return new PtzCapabilities(hasPtz, presets, form.name(), count, settings.lease().toMillis());
        });
    }

    /** Reads virtual alarm n. */
    @Override
    public CompletableFuture<AlarmState> alarm(int n) {
        requireAlarm(n);
        return queue.submit(RcpCommand.read(RcpCommand.VIRTUAL_ALARM_STATE, RcpType.F_FLAG, n))
                .thenApply(r -> new AlarmState(n, r.flag()));
    }

    /** Reads every virtual alarm the camera has (asking it how many, the first time). */
    @Override
    public CompletableFuture<List<AlarmState>> alarms() {
        CompletableFuture<Integer> count = alarmCount > 0 ? CompletableFuture.completedFuture(alarmCount)
                : capabilities().thenApply(PtzCapabilities::virtualAlarms);
        return count.thenCompose(c -> {
            List<CompletableFuture<AlarmState>> reads = new ArrayList<>();
            for (int i = 1; i <= c; i++) {
                reads.add(alarm(i));
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenApply(done -> reads.stream().map(CompletableFuture::join).toList());
        });
    }

    /** Raises (true) or clears virtual alarm n. */
    @Override
    public CompletableFuture<AlarmState> setAlarm(int n, boolean active) {
        requireAlarm(n);
        return queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, n, active)).thenApply(r -> new AlarmState(n, active));
    }

    /** Raises virtual alarm n and clears it again after {@code duration}; completes once it is raised. */
    @Override
    public CompletableFuture<AlarmState> pulseAlarm(int n, Duration duration) {
        requireAlarm(n);
        if (duration.toMillis() < 100 || duration.toMillis() > 60_000) {
            throw new IllegalArgumentException("a pulse lasts 100 to 60000 ms, not " + duration.toMillis());
        }
        return setAlarm(n, true).thenApply(raised -> {
            timers.schedule(() -> setAlarm(n, false).whenComplete((r, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "Camera '" + config.id() + "': clearing virtual alarm " + n + " after its pulse failed", failure);
                }
            }), duration.toMillis(), TimeUnit.MILLISECONDS);
            return raised;
        });
    }

    private void requireAlarm(int n) {
        int known = alarmCount;
        int max = known > 0 ? known : MAX_ALARMS;
        if (n < 1 || n > max) {
            throw new IllegalArgumentException("camera '" + config.id() + "' has virtual alarms 1.." + max + ", not " + n);
        }
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100) / 100.0;
    }

    /** Stops a running move (best effort), then refuses what still waits. */
    @Override
    public void close() {
        CompletableFuture<RcpReply> last;
        synchronized (this) {
            last = moving.isStop() ? CompletableFuture.completedFuture(null) : stopLocked("it was reconfigured or removed");
            cancelExpiryLocked();
        }
        last.whenComplete((r, failure) -> queue.close());
    }
}
