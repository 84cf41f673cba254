package org.fieldcast.hls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fieldcast.fmp4.Fmp4Wire;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;

/**
 * What changed from one {@link Timeline} to the next, as another node needs it to make the same
 * timeline from its copy of the first: the header fields, the init segments that came (those that
 * stay are named), the segments that left the window's front and those that closed, and the open
 * parts. A part the base already holds travels as its id alone, so each part's bytes cross once.
 * A <em>whole</em> delta carries everything and applies to nothing (a snapshot for a node that joins).
 * <p>
 * Layout (big-endian, {@link DataOutputStream}; inits as {@link Fmp4Wire} writes them):
 * <pre>
 * byte version (1); byte flags (1: whole)
 * int targetDuration; double partTarget; long openMsn; long discontinuitySequence; long nextPartId; int generation
 * int keptInits, int generation each; int newInits, (int generation, init) each
 * int segmentsDropped (from the base's front); int newSegments, each:
 *     long msn; double duration; long epochSecond; int nano; boolean discontinuity; int generation; parts
 * parts (the open ones)
 * parts: int count, each: byte 0, long id (the base holds it) | byte 1, long id, long msn, int index,
 *        double duration, boolean independent, int length, bytes
 * </pre>
 */
public final class TimelineDelta {
    static final int VERSION = 1;
    private static final int WHOLE = 1;
    private static final byte KNOWN = 0;
    private static final byte CARRIED = 1;

    /** A change made to a timeline the receiver does not hold: it needs a whole one. */
    public static final class MissingBase extends IllegalStateException {
        MissingBase(String message) {
            super(message);
        }
    }

    /** A part as it travels: the part itself, or null when only its id travels. */
    private record PartRef(long id, Part part) {
    }

    private record SegmentChange(long msn, double duration, Instant programDateTime, boolean discontinuity,
                                 int generation, List<PartRef> parts) {
    }

    private final boolean whole;
    private final int targetDuration;
    private final double partTarget;
    private final long openMsn;
    private final long discontinuitySequence;
    private final long nextPartId;
    private final int generation;
    private final List<Integer> keptInits;
    private final Map<Integer, InitSegment> newInits;
    private final int segmentsDropped;
    private final List<SegmentChange> newSegments;
    private final List<PartRef> openParts;

    private TimelineDelta(boolean whole, int targetDuration, double partTarget, long openMsn, long discontinuitySequence,
                          long nextPartId, int generation, List<Integer> keptInits, Map<Integer, InitSegment> newInits,
                          int segmentsDropped, List<SegmentChange> newSegments, List<PartRef> openParts) {
        this.whole = whole;
        this.targetDuration = targetDuration;
        this.partTarget = partTarget;
        this.openMsn = openMsn;
        this.discontinuitySequence = discontinuitySequence;
        this.nextPartId = nextPartId;
        this.generation = generation;
        this.keptInits = keptInits;
        this.newInits = newInits;
        this.segmentsDropped = segmentsDropped;
        this.newSegments = newSegments;
        this.openParts = openParts;
    }

    /** The whole timeline, for a node that holds none of it. */
    public static TimelineDelta whole(Timeline t) {
        return diff(Timeline.empty(t.partTarget()), t, true);
    }

    /**
     * The change from {@code before} to {@code after}: small when {@code after} grew out of
     * {@code before} as a segmenter grows its window, whole otherwise.
     */
    public static TimelineDelta between(Timeline before, Timeline after) {
        return segmentsDropped(before, after) < 0 ? whole(after) : diff(before, after, false);
    }

    private static TimelineDelta diff(Timeline before, Timeline after, boolean whole) {
        int dropped = whole ? 0 : segmentsDropped(before, after);
        int kept = before.segments().size() - dropped;
        List<SegmentChange> closed = new ArrayList<>();
        for (Segment s : after.segments().subList(whole ? 0 : kept, after.segments().size())) {
            closed.add(new SegmentChange(s.msn(), s.duration(), s.programDateTime(), s.discontinuity(), s.generation(),
                    refs(before, s.parts())));
        }
        List<Integer> keptInits = new ArrayList<>();
        Map<Integer, InitSegment> newInits = new TreeMap<>();
        new TreeMap<>(after.inits()).forEach((g, init) -> {
            if (before.inits().get(g) == init) {
                keptInits.add(g);
            } else {
                newInits.put(g, init);
            }
        });
        return new TimelineDelta(whole, after.targetDuration(), after.partTarget(), after.openMsn(),
                after.discontinuitySequence(), after.nextPartId(), after.generation(), keptInits, newInits, dropped,
                closed, refs(before, after.openParts()));
    }

    /**
     * How many of {@code before}'s segments left the window's front, when the rest are {@code after}'s
     * first segments, the very same; -1 when {@code after} did not grow out of {@code before}.
     */
    private static int segmentsDropped(Timeline before, Timeline after) {
        List<Segment> old = before.segments();
        List<Segment> now = after.segments();
        long firstMsn = now.isEmpty() ? after.openMsn() : now.get(0).msn();
        int dropped = 0;
        while (dropped < old.size() && old.get(dropped).msn() < firstMsn) {
            dropped++;
        }
        int kept = old.size() - dropped;
        if (kept > now.size()) {
            return -1;
        }
        for (int i = 0; i < kept; i++) {
            if (old.get(dropped + i) != now.get(i)) {
                return -1;
            }
        }
        return dropped;
    }

    private static List<PartRef> refs(Timeline before, List<Part> parts) {
        List<PartRef> refs = new ArrayList<>(parts.size());
        for (Part p : parts) {
            boolean known = before.partById(p.id()).filter(held -> held == p).isPresent();
            refs.add(new PartRef(p.id(), known ? null : p));
        }
        return refs;
    }

    public boolean isWhole() {
        return whole;
    }

    /**
     * The timeline this change makes of {@code base} (of nothing, for a whole one).
     *
     * @throws MissingBase when {@code base} lacks what the change builds on
     */
    public Timeline applyTo(Timeline base) {
        Timeline from = whole ? Timeline.empty(partTarget) : base;
        if (segmentsDropped > from.segments().size()) {
            throw new MissingBase("the change drops " + segmentsDropped + " segments of " + from.segments().size());
        }
        List<Segment> segments = new ArrayList<>(from.segments().subList(segmentsDropped, from.segments().size()));
        for (SegmentChange s : newSegments) {
            segments.add(new Segment(s.msn(), parts(from, s.parts()), s.duration(), s.programDateTime(), s.discontinuity(),
                    s.generation()));
        }
        Map<Integer, InitSegment> inits = new TreeMap<>(newInits);
        for (int g : keptInits) {
            InitSegment init = from.inits().get(g);
            if (init == null) {
                throw new MissingBase("init segment " + g + " is not held here");
            }
            inits.put(g, init);
        }
        return new Timeline(targetDuration, partTarget, List.copyOf(segments), openMsn, parts(from, openParts),
                discontinuitySequence, Map.copyOf(inits), nextPartId, generation);
    }

    private static List<Part> parts(Timeline base, List<PartRef> refs) {
        List<Part> parts = new ArrayList<>(refs.size());
        for (PartRef r : refs) {
            Optional<Part> p = r.part() != null ? Optional.of(r.part()) : base.partById(r.id());
            parts.add(p.orElseThrow(() -> new MissingBase("part " + r.id() + " is not held here")));
        }
        return List.copyOf(parts);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + carriedBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(whole ? WHOLE : 0);
            out.writeInt(targetDuration);
            out.writeDouble(partTarget);
            out.writeLong(openMsn);
            out.writeLong(discontinuitySequence);
            out.writeLong(nextPartId);
            out.writeInt(generation);
            out.writeInt(keptInits.size());
            for (int g : keptInits) {
                out.writeInt(g);
            }
            out.writeInt(newInits.size());
            for (Map.Entry<Integer, InitSegment> e : newInits.entrySet()) {
                out.writeInt(e.getKey());
                Fmp4Wire.writeInit(out, e.getValue());
            }
            out.writeInt(segmentsDropped);
            out.writeInt(newSegments.size());
            for (SegmentChange s : newSegments) {
                out.writeLong(s.msn());
                out.writeDouble(s.duration());
                out.writeLong(s.programDateTime().getEpochSecond());
                out.writeInt(s.programDateTime().getNano());
                out.writeBoolean(s.discontinuity());
                out.writeInt(s.generation());
                writeParts(out, s.parts());
            }
            writeParts(out, openParts);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private int carriedBytes() {
        int n = openParts.stream().filter(r -> r.part() != null).mapToInt(r -> r.part().bytes().length).sum();
        for (SegmentChange s : newSegments) {
            n += s.parts().stream().filter(r -> r.part() != null).mapToInt(r -> r.part().bytes().length).sum();
        }
        return n;
    }

    private static void writeParts(DataOutputStream out, List<PartRef> parts) throws IOException {
        out.writeInt(parts.size());
        for (PartRef r : parts) {
            Part p = r.part();
            out.writeByte(p == null ? KNOWN : CARRIED);
            out.writeLong(r.id());
            if (p != null) {
                out.writeLong(p.msn());
                out.writeInt(p.index());
                out.writeDouble(p.duration());
                out.writeBoolean(p.independent());
                out.writeInt(p.bytes().length);
                out.write(p.bytes());
            }
        }
    }

    /** @throws Mp4FormatException when the bytes are not a change this version wrote */
    public static TimelineDelta decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new Mp4FormatException("a timeline change of version " + version);
            }
            boolean whole = (in.readUnsignedByte() & WHOLE) != 0;
            int targetDuration = in.readInt();
            double partTarget = in.readDouble();
            long openMsn = in.readLong();
            long discontinuitySequence = in.readLong();
            long nextPartId = in.readLong();
            int generation = in.readInt();
            List<Integer> keptInits = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                keptInits.add(in.readInt());
            }
            Map<Integer, InitSegment> newInits = new TreeMap<>();
            for (int i = count(in); i > 0; i--) {
                newInits.put(in.readInt(), Fmp4Wire.readInit(in));
            }
            int dropped = count(in);
            List<SegmentChange> segments = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                segments.add(new SegmentChange(in.readLong(), in.readDouble(), Instant.ofEpochSecond(in.readLong(), in.readInt()),
                        in.readBoolean(), in.readInt(), readParts(in)));
            }
            List<PartRef> open = readParts(in);
            if (in.available() > 0) {
                throw new Mp4FormatException(in.available() + " bytes after a timeline change");
            }
            return new TimelineDelta(whole, targetDuration, partTarget, openMsn, discontinuitySequence, nextPartId, generation,
                    keptInits, newInits, dropped, segments, open);
        } catch (IOException e) {
            throw new Mp4FormatException("a timeline change cut short: " + e);
        }
    }

    /** A count of window entries: a window holds a few dozen, so anything near an int's range is garbage. */
    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000) {
            throw new Mp4FormatException("a count of " + n + " in a timeline change");
        }
        return n;
    }

    private static List<PartRef> readParts(DataInputStream in) throws IOException {
        List<PartRef> parts = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            byte kind = in.readByte();
            long id = in.readLong();
            if (kind == KNOWN) {
                parts.add(new PartRef(id, null));
            } else if (kind == CARRIED) {
                long msn = in.readLong();
                int index = in.readInt();
                double duration = in.readDouble();
                boolean independent = in.readBoolean();
                parts.add(new PartRef(id, new Part(id, msn, index, Fmp4Wire.readBytes(in), duration, independent)));
            } else {
                throw new Mp4FormatException("a part of kind " + kind);
            }
        }
        return parts;
    }
}
