package org.fieldcast.mjpeg;

import java.util.Collection;
import java.util.TreeSet;

/** A request named a JPEG profile that is not configured (400: the client can fix it). */
public class UnknownProfileException extends IllegalArgumentException {

    public UnknownProfileException(String name, Collection<String> known) {
        super("no JPEG profile '" + name + "'; configured: " + String.join(", ", new TreeSet<>(known)));
    }
}
