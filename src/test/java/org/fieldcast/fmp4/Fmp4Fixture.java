package org.fieldcast.fmp4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The recorded camera fMP4 (see src/test/resources/fmp4/README.md), parsed once. */
public final class Fmp4Fixture {
    public static final String RESOURCE = "/fmp4/testsrc-160x90-25fps-4s.mp4";

    public final List<InitSegment> inits = new ArrayList<>();
    public final List<Fragment> fragments = new ArrayList<>();

    public static byte[] bytes() {
        return bytes(RESOURCE);
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = Fmp4Fixture.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds the recording in chunks of the given size, as a pipe would deliver it. */
    public static Fmp4Fixture parse(int chunk) {
        return parse(RESOURCE, chunk);
    }

    public static Fmp4Fixture parse(String resource, int chunk) {
        return parse(bytes(resource), chunk);
    }

    /** A recording made in the test, e.g. by ffmpeg into a temporary folder. */
    public static Fmp4Fixture parse(java.nio.file.Path file, int chunk) {
        try {
            return parse(java.nio.file.Files.readAllBytes(file), chunk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fmp4Fixture parse(byte[] all, int chunk) {
        Fmp4Fixture f = new Fmp4Fixture();
        Fmp4StreamParser parser = new Fmp4StreamParser(new Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment init) {
                f.inits.add(init);
            }

            @Override
            public void onFragment(Fragment fragment) {
                f.fragments.add(fragment);
            }
        });
        for (int at = 0; at < all.length; at += chunk) {
            parser.write(all, at, Math.min(chunk, all.length - at));
        }
        return f;
    }
}
