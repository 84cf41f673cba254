package org.fieldcast.ffmpeg;

/**
 * How an ffmpeg run ended.
 *
 * @param generation what the starter gave the run, so it can ignore the exit of a run it replaced
 * @param error      Jaffree's failure (a non-zero exit, a failed pipe), or null when ffmpeg ended cleanly
 * @param stderr     its last stderr lines; a caller may add what it knows before asking the reason
 */
public record FfmpegExit(int generation, Throwable error, StderrTail stderr) {

    /** ffmpeg's own most telling line, else the error's root cause, else that it simply ended. */
    public String reason() {
        String line = stderr.reason();
        if (line != null) {
            return line;
        }
        return error == null ? "ffmpeg ended" : StderrTail.sanitise(String.valueOf(rootCause(error).getMessage()));
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
