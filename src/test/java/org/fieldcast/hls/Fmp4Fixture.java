package org.fieldcast.hls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The recorded camera fMP4 (see src/test/resources/fmp4/README.md), parsed once. */
final class Fmp4Fixture {
    static final String RESOURCE = "/fmp4/testsrc-160x90-25fps-4s.mp4";

    final List<InitSegment> inits = new ArrayList<>();
    final List<Fragment> fragments = new ArrayList<>();

    static byte[] bytes() {
        return bytes(RESOURCE);
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fmp4Fixture.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds the recording in chunks of the given size, as a pipe would deliver it. */
    static Fmp4Fixture parse(int chunk) {
        return parse(RESOURCE, chunk);
    }

    static Fmp4Fixture parse(String resource, int chunk) {
        Fmp4Fixture f = new Fmp4Fixture();
        byte[] all = bytes(resource);
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
