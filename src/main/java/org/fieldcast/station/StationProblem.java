package org.fieldcast.station;

/**
 * Something wrong with the station data that an operator has to fix: a file entry that was skipped,
 * a database row that cannot be streamed, a database that cannot be reached.
 *
 * @param source  where it was found: a station file's name, or {@code database}
 * @param subject what it is about, e.g. {@code site 'a7-km12' camera #2 ('bad-cam')}
 * @param message what is wrong, e.g. {@code rtspPort must be 1..65535, was 70000}; never holds a password
 */
public record StationProblem(String source, String subject, String message) {

    /** One line for a log or a health report. */
    public String describe() {
        return source + ": " + subject + ": " + message;
    }
}
